/** Turns a Chat API error response into words a space owner understands. Never includes request headers. */

import { truncate } from './roles';

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

export function plainReason(failure: ApiFailure): string {
  const detail = failure.message ? `: ${truncate(failure.message, 200)}` : '';
  switch (failure.status) {
    case 400:
      return failure.rpcStatus === 'FAILED_PRECONDITION'
        ? `Google Chat refused${detail}`
        : `Google Chat rejected the request${detail}`;
    case 401:
      return 'your Google sign-in has expired: reload the spreadsheet and try again';
    case 403:
      return `you don't have permission${detail}`;
    case 404:
      return 'not found: the member may have left the space, or you are not in it any more (or the Chat app is not configured)';
    case 409:
      return `conflict${detail}`;
    case 429:
      return 'Google Chat quota exceeded even after retrying: try again in a minute';
    default:
      return failure.status >= 500
        ? `Google Chat is unavailable right now (HTTP ${failure.status}) even after retrying`
        : `unexpected answer from Google Chat (HTTP ${failure.status})${detail}`;
  }
}
