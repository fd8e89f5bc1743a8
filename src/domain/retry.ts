/**
 * Retry timing, pure: which outcomes are retried and how long to wait. Google asks Chat API clients for truncated
 * exponential backoff with jitter on 429 and 5xx; a server-named delay (Retry-After) wins over our own guess.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
export const MAX_ATTEMPTS = 7;
const BASE_MS = 1000;
const CAP_MS = 32_000;

export function isRetryable(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). `random` is in [0, 1). */
export function backoffMs(attempt: number, random: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    return Math.min(CAP_MS, retryAfterSeconds * 1000);
  }
  const exponential = BASE_MS * 2 ** Math.max(0, attempt - 1);
  return Math.min(CAP_MS, exponential + Math.floor(random * BASE_MS));
}

/** Parses a Retry-After header (seconds or HTTP date); undefined when absent or malformed, so retries still happen. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000);
}
