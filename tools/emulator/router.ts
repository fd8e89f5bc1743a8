/** Dispatches Chat API v1 calls from the route tables (routes/) and runs the checks every method shares, in Google's order. */

import { authenticate, requireAdmin, requireChatScope, tokenFrom } from './auth';
import type { CallContext } from './context';
import { ApiError, invalidArgument } from './errors';
import { booleanParam } from './members';
import type { QuotaKind, QuotaTracker } from './quotas';
import { CHAT_ROUTES } from './routes';
import type { ChatRoute } from './routes/route';
import type { MethodId } from './scopes';
import type { EnumEncoding } from './serialize';
import { type ProjectSetup, requireProjectSetup } from './setup';
import type { ChatState, Principal } from './state';

export interface ChatRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  body: string;
  authorization: string | undefined;
  /** The request's Content-Type header (the token endpoint reads form or JSON bodies). */
  contentType?: string | undefined;
}

/** System parameters every Google API accepts (discovery `parameters`), plus `$alt` used by gRPC-fallback clients. */
export const SYSTEM_PARAMS = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  '$alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
]);

/** Resource ids: letters, digits and the characters emails use; anything else (`..`, `%2F`) is rejected before lookup. */
const RESOURCE_ID = /^[A-Za-z0-9._@+-]+$/;

export interface RouteMatch {
  route: ChatRoute;
  args: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of CHAT_ROUTES) {
    const m = route.pattern.exec(path);
    if (m && route.method === method) return { route, args: m.slice(1) };
  }
  return undefined;
}

export function isKnownPath(path: string): boolean {
  return CHAT_ROUTES.some((r) => r.pattern.test(path));
}

export function routeList(): { method: string; id: MethodId; params: string[] }[] {
  return CHAT_ROUTES.map(({ method, id, params }) => ({ method, id, params }));
}

export interface Services {
  state: ChatState;
  quotas: QuotaTracker;
  /** Emulated seconds (the quota clock): issued access tokens expire on it. */
  now: () => number;
  /** Lifetime of access tokens issued by /token, in emulated seconds. */
  tokenLifetimeSeconds: number;
  /** Whether the Chat API is enabled and the Chat app configured (config `apiEnabled`, `chatAppConfigured`). */
  setup: ProjectSetup;
  /** Hostile-answer mode `responses.patchKeepsRole`: a role PATCH answers 200 but is not applied. */
  patchKeepsRole: boolean;
}

/**
 * Runs one Chat API call; returns the JSON body or throws ApiError. `principal` is reported for the request log.
 *
 * Check order (see ASSUMPTIONS.md): unknown URL → 404; then 401 (credentials) → project setup (403 API disabled, 404
 * Chat app not configured) → 403 (scope, admin privilege) → 400
 * (request syntax: resource names, query parameters; then each method's own argument checks) → 404 (resources the
 * caller cannot see) → 403 (role-based permission), the order Google's front end and then the Chat backend apply.
 */
export function handleChat(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown {
  const match = matchRoute(req.method, req.path);
  if (!match) {
    if (isKnownPath(req.path)) throw new ApiError('NOT_FOUND', `Method ${req.method} is not supported on ${req.path}.`);
    throw new ApiError('NOT_FOUND', `The requested URL ${req.path} was not found on this server.`);
  }
  const { route } = match;

  const principal = authenticate(services.state, tokenFrom(req.authorization, req.query), services.now(), 'chat');
  seen.principal = principal;
  requireProjectSetup(services.setup, principal);
  // Scopes depend on whether admin access is requested; a malformed value is rejected below, with the other 400s.
  const wantsAdmin = route.params.includes('useAdminAccess') && req.query.get('useAdminAccess') === 'true';
  const app = requireChatScope(services.state, principal, route.id, wantsAdmin);
  if (wantsAdmin) requireAdmin(principal);

  const args = match.args.map(resourceId);
  for (const key of req.query.keys()) {
    if (!SYSTEM_PARAMS.has(key) && !route.params.includes(key)) {
      throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter.`);
    }
  }
  const adminAccess = route.params.includes('useAdminAccess') && booleanParam(req.query, 'useAdminAccess');

  const ctx: CallContext = {
    state: services.state,
    principal,
    adminAccess,
    ...(app ? { app } : {}),
    encoding: enumEncoding(req.query),
    query: req.query,
    body: req.body,
    keepRoles: services.patchKeepsRole,
    charge: (kind: QuotaKind, space?: string) => services.quotas.charge(kind, principal.project, space),
  };
  return route.run(ctx, args);
}

/** Decodes one resource-id path segment; rejects what could escape the segment (`/`, `..`) or is not an id. */
function resourceId(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalidArgument(`Invalid resource name segment "${raw}".`);
  }
  if (!RESOURCE_ID.test(decoded) || /^\.+$/.test(decoded)) {
    throw invalidArgument(`Invalid resource name segment "${decoded}".`);
  }
  return decoded;
}

function enumEncoding(query: URLSearchParams): EnumEncoding {
  const alt = query.get('$alt') ?? query.get('alt') ?? '';
  return /enum-encoding=int/.test(alt) ? 'int' : 'string';
}
