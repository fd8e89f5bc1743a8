/**
 * One server, four Google APIs, told apart by path (each is its own host at Google): the OAuth token endpoint
 * (`/token`), the People API (`/v1/people…`), the Admin SDK Directory API (`/admin/directory/v1/…`) and the Chat API
 * (every other path). They share the request log, fault injection and latency; each answers errors in its own shape.
 */

import { ApiError, DirectoryError, OAuthError, statusForHttpCode } from './errors';
import { tokenParams } from './oauth';
import type { ChatRequest, Services } from './router';
import { API_ROUTES } from './routes';
import type { ApiFamily, ApiRoute } from './routes/route';
import type { Principal } from './state';

export type { ApiFamily } from './routes/route';

const routeFor = (path: string) => API_ROUTES.find((route) => route.owns(path)) as ApiRoute;

export function apiFamily(path: string): ApiFamily {
  return routeFor(path).family;
}

export function handleApiRequest(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown {
  return routeFor(req.path).handle(services, req, seen);
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'Internal error encountered.',
  503: 'The service is currently unavailable.',
};

const OAUTH_FAULT_ERRORS: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_client',
  403: 'access_denied',
  429: 'rate_limit_exceeded',
  500: 'internal_failure',
  503: 'temporarily_unavailable',
};

const DIRECTORY_FAULT_REASONS: Record<number, [string, string]> = {
  400: ['global', 'badRequest'],
  401: ['global', 'authError'],
  403: ['global', 'forbidden'],
  404: ['global', 'notFound'],
  409: ['global', 'duplicate'],
  429: ['usageLimits', 'rateLimitExceeded'],
  500: ['global', 'backendError'],
  503: ['global', 'backendError'],
};

/** An injected fault, in the error shape of the API the request was for. */
export function faultError(family: ApiFamily, status: number): ApiError {
  const message = FAULT_MESSAGES[status] ?? 'Injected fault.';
  if (family === 'oauth') return new OAuthError(status, OAUTH_FAULT_ERRORS[status] ?? 'server_error', message);
  if (family === 'directory') {
    const [domain, reason] = DIRECTORY_FAULT_REASONS[status] ?? ['global', 'backendError'];
    return new DirectoryError(statusForHttpCode(status), message, [{ message, domain, reason }]);
  }
  return new ApiError(statusForHttpCode(status), message);
}

export const REDACTED = '[redacted]';
/** Token-endpoint parameters that are safe to log; every other value (the assertion above all) is redacted. */
const LOGGABLE_OAUTH_PARAMS = new Set(['grant_type', 'scope']);
const PARAM_NAME = /^[A-Za-z_]{1,64}$/;

/** The token endpoint's parameters as the log keeps them: names, and values only where they are not credentials. */
export function redactedParams(params: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!PARAM_NAME.test(key)) out['[unparsed]'] = REDACTED;
    else out[key] = LOGGABLE_OAUTH_PARAMS.has(key) ? value : REDACTED;
  }
  return out;
}

/** The body as the request log keeps it: parsed JSON; for the token endpoint, its form with credentials redacted. */
export function loggedBody(family: ApiFamily, req: Pick<ChatRequest, 'body' | 'contentType'>): unknown {
  if (req.body === '') return null;
  if (family === 'oauth') return redactedParams(tokenParams(req));
  try {
    return JSON.parse(req.body);
  } catch {
    return req.body;
  }
}
