/**
 * The one HTTP client, over UrlFetchApp, used by the Chat API, People/Directory lookups and the Chat app's sign-in.
 * It adds the Authorization header (the token never goes anywhere else), gives every response lower-case header
 * names, and drops the text of UrlFetchApp's exceptions (it can name the request's URL): a failed round trip comes
 * back as "no answer", never as a message. Reads go through one wave-retry loop (`readInWaves`); writes are paced by
 * the run engine's scheduler and sent with `fetchAll` directly.
 */

import type { Verdict } from '../domain/name-resolution';
import { backoffMs, MAX_ATTEMPTS, parseRetryAfter } from '../domain/retry';
import type { Clock } from './clock';

export interface HttpRequest {
  url: string;
  method: 'get' | 'patch' | 'post';
  /** Sent as `Authorization: Bearer …`; omitted for a request that carries its own credentials (a token exchange). */
  token?: string;
  contentType?: string;
  payload?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** A header, by its name in any spelling (UrlFetchApp keeps the server's); read only when asked for. */
  header(name: string): string | undefined;
}

function toUrlFetch(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const out: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: request.url,
    method: request.method,
    muteHttpExceptions: true,
  };
  if (request.token !== undefined) out.headers = { Authorization: `Bearer ${request.token}` };
  if (request.contentType !== undefined) out.contentType = request.contentType;
  if (request.payload !== undefined) out.payload = request.payload;
  return out;
}

function fromUrlFetch(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  let headers: Map<string, string> | undefined;
  return {
    status: response.getResponseCode(),
    body: response.getContentText(),
    // Headers cost a service call: read once, and only by a caller that needs one (a retry's Retry-After).
    header: (name) => {
      headers ??= lowerCaseHeaders(response.getAllHeaders() as Record<string, unknown>);
      return headers.get(name.toLowerCase());
    },
  };
}

function lowerCaseHeaders(raw: Record<string, unknown>): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    headers.set(name.toLowerCase(), Array.isArray(value) ? String(value[0] ?? '') : String(value));
  }
  return headers;
}

/** One request; undefined when no HTTP answer came (the exception's text is dropped on purpose). */
export function fetchOne(request: HttpRequest): HttpResponse | undefined {
  const { url, ...params } = toUrlFetch(request);
  try {
    return fromUrlFetch(UrlFetchApp.fetch(url, params));
  } catch {
    return undefined;
  }
}

/** Requests in parallel, answers in request order; undefined when the round trip itself failed. */
export function fetchMany(requests: readonly HttpRequest[]): HttpResponse[] | undefined {
  try {
    return UrlFetchApp.fetchAll(requests.map(toUrlFetch)).map(fromUrlFetch);
  } catch {
    return undefined;
  }
}

/** The Retry-After header (any spelling), in seconds from `now`; undefined when absent or malformed. */
export function retryAfterSeconds(response: HttpResponse | undefined, now: number): number | undefined {
  return parseRetryAfter(response?.header('retry-after'), now);
}

export type ReadOutcome =
  | { status: number; body: string }
  | { lost: 'busy' | 'unreachable' | 'out-of-time' | 'skipped'; status?: number; body?: string };

export interface WaveOptions {
  /** Requests per wave; a wave of 1 goes out with UrlFetchApp.fetch, larger ones with fetchAll. */
  wave: number;
  intervalMs: number;
  deadline: number;
  verdict: (status: number, body: string) => Verdict;
  /** After a `denied` answer, send nothing more (the rest come back `skipped`). */
  stopOnDenied?: boolean;
  /** Answers that say "retry" before a read is given up as `busy`. */
  maxAttempts?: number;
}

/** Round trips with no HTTP answer at all, in a row, before the rest is given up as `unreachable`. */
const MAX_UNANSWERED_WAVES = 2;

interface Pending {
  key: string;
  request: HttpRequest;
  attempts: number;
  notBefore: number;
}

/**
 * Reads (safe to resend) in waves, each retried on its own schedule with the backoff of domain/retry.ts (a
 * Retry-After wins); every key comes back with an answer or why not.
 */
export function readInWaves(
  reads: readonly { key: string; request: HttpRequest }[],
  clock: Clock,
  options: WaveOptions,
): Map<string, ReadOutcome> {
  const out = new Map<string, ReadOutcome>();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let queue: Pending[] = reads.map((r) => ({ ...r, attempts: 0, notBefore: 0 }));
  let lastWave = Number.NEGATIVE_INFINITY;
  let unanswered = 0;
  let stopped = false;
  const giveUp = (lost: 'unreachable' | 'out-of-time' | 'skipped') => {
    for (const read of queue) out.set(read.key, { lost });
    queue = [];
  };
  while (queue.length > 0) {
    const now = clock.now();
    if (stopped || now >= options.deadline) {
      giveUp(stopped ? 'skipped' : 'out-of-time');
      break;
    }
    const ready = queue.filter((r) => r.notBefore <= now).slice(0, options.wave);
    if (ready.length === 0) {
      clock.sleep(Math.min(Math.min(...queue.map((r) => r.notBefore)), options.deadline) - now);
      continue;
    }
    if (lastWave + options.intervalMs > now) {
      clock.sleep(lastWave + options.intervalMs - now);
      continue;
    }
    lastWave = now;
    queue = queue.filter((r) => !ready.includes(r));
    const requests = ready.map((r) => r.request);
    const single = options.wave === 1 ? fetchOne(requests[0] as HttpRequest) : undefined;
    const responses = options.wave === 1 ? single && [single] : fetchMany(requests);
    if (!responses) {
      queue.push(...ready);
      if (++unanswered >= MAX_UNANSWERED_WAVES) {
        giveUp('unreachable');
        break;
      }
      for (const read of ready) read.notBefore = clock.now() + backoffMs(unanswered, clock.random());
      continue;
    }
    unanswered = 0;
    ready.forEach((read, i) => {
      const response = responses[i];
      const status = response?.status ?? 0;
      const body = response?.body ?? '';
      const verdict = options.verdict(status, body);
      read.attempts++;
      if (verdict !== 'retry') {
        out.set(read.key, { status, body });
        if (verdict === 'denied' && options.stopOnDenied) stopped = true;
      } else if (read.attempts >= maxAttempts) {
        out.set(read.key, { lost: 'busy', status, body });
      } else {
        const retryAfter = retryAfterSeconds(response, clock.now());
        read.notBefore = clock.now() + backoffMs(read.attempts, clock.random(), retryAfter);
        queue.push(read);
      }
    });
  }
  return out;
}
