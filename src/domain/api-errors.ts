/** Turns a Chat API error response into words a space owner understands. Never includes request headers. */

import { words } from './messages';
import { setupProblem } from './setup-errors';

export interface ApiFailure {
  status: number;
  rpcStatus: string;
  message: string;
  /** The ErrorInfo `reason` in the error's details (e.g. `SERVICE_DISABLED`), when Google sent one. */
  reason?: string;
}

export function parseFailure(status: number, body: string): ApiFailure {
  try {
    const parsed = JSON.parse(body) as { error?: { status?: unknown; message?: unknown; details?: unknown } };
    const error = parsed.error;
    if (error && typeof error === 'object') {
      const failure: ApiFailure = {
        status,
        rpcStatus: typeof error.status === 'string' ? error.status : '',
        message: typeof error.message === 'string' ? error.message : '',
      };
      const reason = errorInfoReason(error.details);
      if (reason) failure.reason = reason;
      return failure;
    }
  } catch {
    // Not JSON (a proxy's HTML page, a truncated body): fall through to the status alone.
  }
  return { status, rpcStatus: '', message: '' };
}

/** The reason of the first google.rpc.ErrorInfo among an error's details. */
function errorInfoReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { '@type': type, reason } = detail as Record<string, unknown>;
    if (typeof type === 'string' && type.endsWith('google.rpc.ErrorInfo') && typeof reason === 'string') return reason;
  }
  return undefined;
}

/**
 * One sentence a space owner understands. The API's own text is left out (it is English, technical, and sometimes
 * names scopes); the Audit sheet keeps it in its Error message column.
 */
export function plainReason(failure: ApiFailure): string {
  // A setup error means the same whatever was asked: it comes before the status code's usual meaning.
  const problem = setupProblem(failure);
  if (problem) return words().setup[problem];
  const w = words().api;
  switch (failure.status) {
    case 400:
      return failure.rpcStatus === 'FAILED_PRECONDITION' ? w.refused : w.rejected;
    case 401:
      return w.signInExpired;
    case 403:
      return w.noPermission;
    case 404:
      return w.notFound;
    case 409:
      return w.conflict;
    case 429:
      return w.quota;
    default:
      return failure.status >= 500 ? w.unavailable(failure.status) : w.unexpected(failure.status);
  }
}
