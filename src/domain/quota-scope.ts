/**
 * Which of Chat's write quotas refused a write (HTTP 429). Chat has two: 300 membership writes a minute per Cloud
 * project, shared by every person and run using the add-on, and one write a second per space. Only the first says
 * anything about other runs, so only it should slow the project pace; a per-space 429 is a space's own one-second
 * gap, already handled by that job's backoff.
 *
 * Google's quota errors name the limit: the ErrorInfo reason `RATE_LIMIT_EXCEEDED` carries `quota_limit` metadata
 * (google/api/error_reason.proto documents it with the example "ReadsPerMinutePerProject"; Cloud console wording is
 * "Membership write requests per minute per project"), and the message repeats it. The body of a per-space 429 is not documented, so a 429 that names neither limit is `unknown`,
 * and the scheduler decides from which spaces were refused (see scheduler.ts).
 */

export type QuotaScope = 'project' | 'space' | 'unknown';

export function quotaScope(body: string): QuotaScope {
  let error: { message?: unknown; details?: unknown } | undefined;
  try {
    error = (JSON.parse(body) as { error?: typeof error }).error;
  } catch {
    return 'unknown';
  }
  if (!error || typeof error !== 'object') return 'unknown';
  const named = [limitNamed(error.details), typeof error.message === 'string' ? error.message : ''];
  for (const text of named) {
    // "per space" before "per project": a per-space limit's message may also name the consumer project.
    if (/per\s*space/i.test(text)) return 'space';
    if (/per\s*project/i.test(text)) return 'project';
  }
  return 'unknown';
}

/** The `quota_limit` metadata of the first google.rpc.ErrorInfo among an error's details, or ''. */
function limitNamed(details: unknown): string {
  if (!Array.isArray(details)) return '';
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { '@type': type, metadata } = detail as Record<string, unknown>;
    if (typeof type !== 'string' || !type.endsWith('google.rpc.ErrorInfo')) continue;
    const limit = (metadata as Record<string, unknown> | undefined)?.quota_limit;
    if (typeof limit === 'string') return limit;
  }
  return '';
}
