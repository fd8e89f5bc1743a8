/** Turns a Chat API error response into words a space owner understands. Never includes request headers. */

import { words } from './messages';

export interface ApiFailure {
  status: number;
  rpcStatus: string;
  message: string;
}

export function parseFailure(status: number, body: string): ApiFailure {
  try {
    const parsed = JSON.parse(body) as { error?: { status?: unknown; message?: unknown } };
    const error = parsed.error;
    if (error && typeof error === 'object') {
      return {
        status,
        rpcStatus: typeof error.status === 'string' ? error.status : '',
        message: typeof error.message === 'string' ? error.message : '',
      };
    }
  } catch {
    // Not JSON (a proxy's HTML page, a truncated body): fall through to the status alone.
  }
  return { status, rpcStatus: '', message: '' };
}

/**
 * One sentence a space owner understands. The API's own text is left out (it is English, technical, and sometimes
 * names scopes); the Audit sheet keeps it in its Error message column.
 */
export function plainReason(failure: ApiFailure): string {
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
