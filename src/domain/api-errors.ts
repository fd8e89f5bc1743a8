/** Turns a Chat API error response into words a space owner understands. Never includes request headers. */

import { truncate } from './roles';
import { SETUP_WORDS, setupProblem } from './setup-errors';

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

export function plainReason(failure: ApiFailure): string {
  // A setup error means the same whatever was asked: it comes before the status code's usual meaning.
  const problem = setupProblem(failure);
  if (problem) return SETUP_WORDS[problem];
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
      return 'not found: the member may have left the space, or you are not in it any more';
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
