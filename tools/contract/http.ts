/**
 * The contract suite's only way out: requests to the one base URL the person named, paced, with a timeout, a size
 * cap and a bounded retry on 429/503. Raw paths are sent as written (no URL normalisation), so `members/..` reaches
 * the server unresolved. The token goes into the Authorization header only and is scrubbed from every error text.
 */

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ApiRequest {
  method?: 'GET' | 'PATCH' | 'PUT';
  /** Path from the base URL's root, already percent-encoded where needed: `/v1/spaces/S/members`. */
  path: string;
  query?: Record<string, string>;
  body?: string;
  /** Whose credentials: the person's token (default), none, or a token no server can know. */
  auth?: 'token' | 'none' | 'bogus';
}

export interface ApiResponse {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface Pacing {
  /** Least time between two requests (Chat allows 15 reads per second per space). */
  requestGapMs: number;
  /** Least time between two PATCH requests (Chat allows 1 write per second per space). */
  writeGapMs: number;
  /** How long to wait for an answer. */
  timeoutMs: number;
}

export const DEFAULT_PACING: Pacing = { requestGapMs: 100, writeGapMs: 1100, timeoutMs: 15_000 };

/** Google's answer was not about the check: quota, outage, no answer. The check is skipped, not failed. */
export class NoVerdictError extends Error {
  override readonly name = 'NoVerdictError';
}

/** A check tried to send more requests than it declared. A bug in the suite, never Google's fault. */
export class BudgetError extends Error {
  override readonly name = 'BudgetError';
}

const BOGUS_TOKEN = 'contract-suite-not-a-token';
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const RETRIES = 2;

/** Replaces every occurrence of the token (and its URL-encoded form) in `text`. */
export function scrub(text: string, token: string): string {
  if (!token) return text;
  let out = text;
  for (const form of new Set([token, encodeURIComponent(token)])) out = out.split(form).join('[token]');
  return out;
}

export class ContractHttp {
  private readonly base: URL;
  private lastRequestAt = 0;
  private lastWriteAt = 0;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly pacing: Pacing = DEFAULT_PACING,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.base = new URL(baseUrl);
  }

  async send(req: ApiRequest): Promise<ApiResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(req);
      if ((res.status !== 429 && res.status !== 503) || attempt >= RETRIES) {
        if (res.status === 429 || res.status === 503) {
          throw new NoVerdictError(`the server answered HTTP ${res.status} ${RETRIES + 1} times (quota or outage)`);
        }
        return res;
      }
      await this.sleep(1000 * (attempt + 1));
    }
  }

  private async once(req: ApiRequest): Promise<ApiResponse> {
    await this.pace(req.method === 'PATCH');
    // Keys as written (`$alt` stays `$alt`, as Google's clients send it); values percent-encoded.
    const query = Object.entries(req.query ?? {})
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    // Only the base URL's origin (and path prefix) is ever contacted; req.path is appended as written.
    const prefix = this.base.pathname.replace(/\/$/, '');
    const path = `${prefix}${req.path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = req.auth ?? 'token';
    if (auth !== 'none') headers.authorization = `Bearer ${auth === 'token' ? this.token : BOGUS_TOKEN}`;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    const send = this.base.protocol === 'https:' ? httpsRequest : httpRequest;
    try {
      return await new Promise<ApiResponse>((resolve, reject) => {
        const r = send(
          {
            protocol: this.base.protocol,
            hostname: this.base.hostname,
            port: this.base.port || undefined,
            method: req.method ?? 'GET',
            path,
            headers,
            timeout: this.pacing.timeoutMs,
          },
          (res) => readBody(res).then(resolve, reject),
        );
        // `timeout` only catches a silent socket; the deadline also stops an answer that trickles in forever.
        const late = () => r.destroy(new Error(`no answer within ${this.pacing.timeoutMs / 1000} s`));
        const deadline = setTimeout(late, this.pacing.timeoutMs);
        r.on('timeout', late);
        r.on('close', () => clearTimeout(deadline));
        r.on('error', reject);
        r.end(req.body);
      });
    } catch (e) {
      throw new NoVerdictError(scrub(`${req.method ?? 'GET'} ${req.path}: ${(e as Error).message}`, this.token));
    }
  }

  private async pace(isWrite: boolean): Promise<void> {
    const now = Date.now();
    let wait = this.lastRequestAt + this.pacing.requestGapMs - now;
    if (isWrite) wait = Math.max(wait, this.lastWriteAt + this.pacing.writeGapMs - now);
    if (wait > 0) await this.sleep(wait);
    this.lastRequestAt = Date.now();
    if (isWrite) this.lastWriteAt = this.lastRequestAt;
  }
}

function readBody(res: IncomingMessage): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) res.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status: res.statusCode ?? 0, text, json });
    });
  });
}
