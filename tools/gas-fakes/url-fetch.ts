/**
 * UrlFetchApp doing real HTTP through the synchronous client. Google hosts are rewritten to local servers (the Chat
 * API emulator); any other host throws, so a test can never reach the network.
 */

import { FakeBlob } from './blob';
import { toBuffer } from './bytes';
import { GasError, NotImplementedError } from './errors';
import { asApi, type FakeSpec } from './fake';
import { FakeHttpResponse } from './http-response';
import { type Runtime, SCOPES } from './runtime';
import type { HttpRequest, HttpResult, SyncHttpClient } from './sync-http';

type UrlFetchApp = GoogleAppsScript.URL_Fetch.UrlFetchApp;
type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;

/** Apps Script's URL length limit for UrlFetch. */
export const MAX_URL_LENGTH = 2082;
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put', 'head', 'options']);
const USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: UAEmdDd-gas-fakes)';

export interface HttpLogEntry {
  method: string;
  /** The URL product code asked for (before rewriting). */
  url: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  user: string;
  batch: number;
  /** Clock time (ms) when the request's batch was sent. */
  at: number;
}

export interface UrlFetchConfig {
  /** Origin ("https://chat.googleapis.com") → local base URL ("http://127.0.0.1:PORT"). */
  rewrites: Record<string, string>;
  /** appsscript.json urlFetchWhitelist; null when the manifest has none. */
  allowlist: readonly string[] | null;
  client: SyncHttpClient;
}

interface Prepared {
  original: string;
  origin: string;
  request: HttpRequest;
  mute: boolean;
}

const APP_API = ['fetch', 'fetchAll', 'getRequest'] as const satisfies readonly (keyof UrlFetchApp)[];

export class FakeUrlFetchApp implements Pick<UrlFetchApp, (typeof APP_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'UrlFetchApp', methods: APP_API };
  readonly log: HttpLogEntry[] = [];
  private batches = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly config: UrlFetchConfig,
  ) {}

  fetch(url: string, params: Options = {}): GoogleAppsScript.URL_Fetch.HTTPResponse {
    this.runtime.authorize('UrlFetchApp.fetch', 'FULL', [SCOPES.externalRequest]);
    const [response] = this.perform([this.prepare(url, params)]);
    return asApi(response as FakeHttpResponse);
  }

  /** All requests run concurrently; responses come back in request order; any unmuted failure throws. */
  fetchAll(requests: Array<FetchRequest | string>): GoogleAppsScript.URL_Fetch.HTTPResponse[] {
    this.runtime.authorize('UrlFetchApp.fetchAll', 'FULL', [SCOPES.externalRequest]);
    if (!Array.isArray(requests)) throw new GasError('Invalid argument: requests');
    const prepared = requests.map((r) => {
      if (typeof r === 'string') return this.prepare(r, {});
      if (r === null || typeof r !== 'object') throw new GasError('Invalid argument: requests');
      const { url, ...params } = r;
      return this.prepare(url, params);
    });
    return this.perform(prepared).map((r) => asApi<GoogleAppsScript.URL_Fetch.HTTPResponse>(r));
  }

  getRequest(url: string, params: Options = {}): FetchRequest {
    const p = this.prepare(url, params);
    const headers = Object.fromEntries(
      Object.entries(p.request.headers).filter(([k]) => k.toLowerCase() !== 'content-type'),
    );
    const request: FetchRequest = {
      url: p.original,
      method: p.request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers,
      followRedirects: p.request.followRedirects,
      muteHttpExceptions: p.mute,
    };
    const contentType = p.request.headers['content-type'];
    if (contentType !== undefined) request.contentType = contentType;
    if (p.request.body !== null) request.payload = Buffer.from(p.request.body).toString('utf8');
    return request;
  }

  private prepare(url: unknown, params: Options): Prepared {
    if (typeof url !== 'string' || url === '') throw new GasError('Invalid argument: url');
    if (url.length > MAX_URL_LENGTH) throw new GasError('Limit Exceeded: URLFetch URL Length.');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new GasError(`Invalid argument: ${url}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new GasError(`Invalid argument: ${url}`);
    const allowlist = this.config.allowlist;
    if (allowlist && !allowlist.some((prefix) => url.startsWith(prefix))) {
      throw new GasError(
        `UrlFetch to ${parsed.origin} is not allowed: the manifest's urlFetchWhitelist (${allowlist.join(', ')}) has no matching prefix.`,
      );
    }
    const base = this.config.rewrites[parsed.origin];
    if (base === undefined) {
      throw new GasError(
        `gas-fakes: no network. ${parsed.origin} is not mapped to a local server (createGasEnvironment chatBaseUrl / urlRewrites).`,
      );
    }
    const method = String(params.method ?? 'get').toLowerCase();
    if (!METHODS.has(method)) throw new GasError(`Invalid argument: method (${String(params.method)})`);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(params.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    const { body, contentType } = encodePayload(params.payload, params.contentType);
    if (contentType !== null) headers['content-type'] = contentType;
    else if (params.contentType !== undefined) headers['content-type'] = String(params.contentType);
    return {
      original: url,
      origin: parsed.origin,
      mute: params.muteHttpExceptions === true,
      request: {
        url: `${base.replace(/\/+$/, '')}${parsed.pathname}${parsed.search}`,
        method: method.toUpperCase(),
        headers,
        body,
        followRedirects: params.followRedirects !== false,
      },
    };
  }

  private perform(prepared: Prepared[]): FakeHttpResponse[] {
    const batch = ++this.batches;
    const at = this.runtime.clock.now();
    const results = this.config.client.request(prepared.map((p) => p.request));
    const user = this.runtime.current().effectiveUser.email;
    let failure: GasError | null = null;
    const responses = prepared.map((p, i) => {
      const result = results[i] as HttpResult;
      this.log.push({
        method: p.request.method,
        url: p.original,
        status: result.ok ? result.status : null,
        error: result.ok ? null : `${result.kind}: ${result.message}`,
        durationMs: Math.round(result.durationMs),
        user,
        batch,
        at,
      });
      if (!result.ok) {
        failure ??= new GasError(
          result.kind === 'timeout' ? `Timeout: ${p.original}` : `Address unavailable: ${p.original}`,
        );
        return null;
      }
      const response = new FakeHttpResponse(
        result.status,
        result.headers,
        Buffer.from(result.body),
        this.runtime.strict.lowercaseHeaders === true,
      );
      if (result.status >= 400 && !p.mute) failure ??= requestFailed(p.origin, response);
      return response;
    });
    if (failure) throw failure;
    return responses as FakeHttpResponse[];
  }
}

/** Apps Script's message for an HTTP error without muteHttpExceptions: the origin only, the body truncated. */
function requestFailed(origin: string, response: FakeHttpResponse): GasError {
  const text = response.getContentText();
  const truncated = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  return new GasError(
    `Request failed for ${origin} returned code ${response.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
  );
}

function encodePayload(
  payload: unknown,
  contentType: string | undefined,
): { body: Uint8Array | null; contentType: string | null } {
  if (payload === undefined || payload === null) return { body: null, contentType: null };
  if (typeof payload === 'string') {
    return { body: Buffer.from(payload, 'utf8'), contentType: contentType ?? 'application/x-www-form-urlencoded' };
  }
  if (payload instanceof FakeBlob) {
    return {
      body: Buffer.from(payload.data),
      contentType: contentType ?? payload.contentType ?? 'application/octet-stream',
    };
  }
  if (Array.isArray(payload)) {
    return { body: toBuffer(payload), contentType: contentType ?? 'application/x-www-form-urlencoded' };
  }
  if (typeof payload === 'object') {
    const entries = Object.entries(payload as Record<string, unknown>);
    if (entries.some(([, v]) => v instanceof FakeBlob)) throw new NotImplementedError('UrlFetchApp multipart payloads');
    const form = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return { body: Buffer.from(form, 'utf8'), contentType: contentType ?? 'application/x-www-form-urlencoded' };
  }
  return {
    body: Buffer.from(String(payload), 'utf8'),
    contentType: contentType ?? 'application/x-www-form-urlencoded',
  };
}
