/** Bearer-token authentication and scope checks, with each API's error bodies. */

import { ApiError, DirectoryError, errorInfo, permissionDenied } from './errors';
import { appScopes, CHAT_BOT_SCOPE, METHOD_SCOPES, type MethodId, needsAdminApproval } from './scopes';
import type { ChatState, Principal } from './state';

/** The APIs the emulator serves behind bearer tokens; each answers errors in its own shape. */
export type ApiName = 'chat' | 'people' | 'directory';

const SERVICE: Record<ApiName, string> = {
  chat: 'chat.googleapis.com',
  people: 'people.googleapis.com',
  directory: 'admin.googleapis.com',
};

const MISSING =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const INVALID =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const SCOPES = 'Request had insufficient authentication scopes.';

export function tokenFrom(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? query.get('access_token') ?? query.get('oauth_token') ?? undefined;
}

/** The principal for `token` at emulated time `now` (issued app tokens expire), or 401 in `api`'s error shape. */
export function authenticate(state: ChatState, token: string | undefined, now = 0, api: ApiName = 'chat'): Principal {
  const service = SERVICE[api];
  if (!token) {
    const info = [errorInfo('CREDENTIALS_MISSING', { service })];
    if (api === 'directory') {
      throw new DirectoryError(
        'UNAUTHENTICATED',
        MISSING,
        [
          {
            message: 'Login Required.',
            domain: 'global',
            reason: 'required',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
        true,
        info,
      );
    }
    throw new ApiError('UNAUTHENTICATED', MISSING, info);
  }
  const principal = state.principal(token, now);
  if (!principal) {
    const info = [errorInfo('ACCESS_TOKEN_EXPIRED', { service })];
    if (api === 'directory') {
      throw new DirectoryError(
        'UNAUTHENTICATED',
        INVALID,
        [
          {
            message: 'Invalid Credentials',
            domain: 'global',
            reason: 'authError',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
        true,
        info,
      );
    }
    throw new ApiError('UNAUTHENTICATED', INVALID, info);
  }
  return principal;
}

/** 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT in `api`'s shape; `rpc` is the method's full RPC name. */
export function scopeInsufficient(api: ApiName, rpc: string): ApiError {
  const info = [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', { service: SERVICE[api], method: rpc })];
  if (api === 'directory') {
    return new DirectoryError(
      'PERMISSION_DENIED',
      SCOPES,
      [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      true,
      info,
    );
  }
  return new ApiError('PERMISSION_DENIED', SCOPES, info);
}

/** Which app-authentication grants a call holds: `bot` (chat.bot), `manage` (an admin-approved chat.app.* scope). */
export interface AppGrant {
  bot: boolean;
  manage: boolean;
}

/**
 * Checks a Chat call's scopes. User principals: the method's user (or, with admin access, admin) scopes. App
 * principals: the method's app scopes; `chat.app.*` only count once an administrator approved the app. Returns the
 * app's grants, or undefined for a user.
 */
export function requireChatScope(
  state: ChatState,
  principal: Principal,
  method: MethodId,
  adminAccess: boolean,
): AppGrant | undefined {
  if (principal.kind === 'user') {
    requireScope(principal, method, adminAccess);
    return undefined;
  }
  if (adminAccess) {
    throw permissionDenied(
      'useAdminAccess requires user authentication by a Google Workspace administrator; a Chat app authenticating as itself cannot use it.',
    );
  }
  const held = appScopes(method).filter((scope) => principal.scopes.has(scope));
  const bot = held.includes(CHAT_BOT_SCOPE);
  const approvable = held.filter(needsAdminApproval);
  const approved = state.apps.get(principal.user)?.adminApproved ?? false;
  if (!bot && approvable.length > 0 && !approved) {
    // Google publishes no sample of this refusal: message and ErrorInfo reason are the emulator's (ASSUMPTIONS.md).
    throw new ApiError(
      'PERMISSION_DENIED',
      `The Chat app ${principal.user} has not been approved by a Google Workspace administrator for ${approvable.join(', ')}. An administrator must approve the app's chat.app.* scopes in the Google Admin console. See https://support.google.com/a?p=chat-app-auth.`,
      [
        errorInfo('APP_NOT_APPROVED_BY_ADMIN', {
          service: SERVICE.chat,
          app: principal.user,
          scopes: approvable.join(' '),
        }),
      ],
    );
  }
  const grant = { bot, manage: approvable.length > 0 && approved };
  if (!grant.bot && !grant.manage) throw scopeInsufficient('chat', `google.chat.v1.ChatService.${methodRpc(method)}`);
  return grant;
}

export function requireScope(principal: Principal, method: MethodId, adminAccess: boolean): void {
  const accepted = adminAccess ? METHOD_SCOPES[method].admin : METHOD_SCOPES[method].user;
  if (accepted.some((scope) => principal.scopes.has(scope))) return;
  throw scopeInsufficient('chat', `google.chat.v1.ChatService.${methodRpc(method)}`);
}

export function requireAdmin(principal: Principal): void {
  if (principal.admin) return;
  throw new ApiError(
    'PERMISSION_DENIED',
    'The caller does not have permission to use administrator access. useAdminAccess requires a Google Workspace administrator with the Chat and Google Meet administrator privilege.',
  );
}

function methodRpc(method: MethodId): string {
  const names: Record<MethodId, string> = {
    'spaces.list': 'ListSpaces',
    'spaces.search': 'SearchSpaces',
    'spaces.get': 'GetSpace',
    'spaces.members.list': 'ListMemberships',
    'spaces.members.get': 'GetMembership',
    'spaces.members.patch': 'UpdateMembership',
  };
  return names[method];
}
