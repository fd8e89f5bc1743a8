import { backoffMs, isRetryable, parseRetryAfter } from '../../src/domain/retry';

describe('retry timing', () => {
  it('retries quota and server errors only', () => {
    expect([429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryable)).toBe(false);
  });

  it('doubles the wait with each attempt, adds up to a second of jitter, and caps at 32 s', () => {
    expect(backoffMs(1, 0)).toBe(1000);
    expect(backoffMs(2, 0)).toBe(2000);
    expect(backoffMs(3, 0.5)).toBe(4500);
    expect(backoffMs(10, 0.99)).toBe(32_000);
  });

  it('honours a server-named delay, without jitter', () => {
    expect(backoffMs(1, 0.9, 7)).toBe(7000);
  });

  it('reads Retry-After as seconds or a date; a malformed one does not disable retries', () => {
    expect(parseRetryAfter('3', 0)).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter('-1', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
