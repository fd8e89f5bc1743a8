/** Bearer-token authentication and scope checks, with Google's error bodies. */

import { ApiError, errorInfo } from './errors';
import { METHOD_SCOPES, type MethodId } from './scopes';
import type { ChatState, Principal } from './state';

export function tokenFrom(authorization: string | undefined, query: URLSearchParams): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? query.get('access_token') ?? query.get('oauth_token') ?? undefined;
}

export function authenticate(state: ChatState, token: string | undefined): Principal {
  if (!token) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      [errorInfo('CREDENTIALS_MISSING', { service: 'chat.googleapis.com' })],
    );
  }
  const principal = state.principal(token);
  if (!principal) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      [errorInfo('ACCESS_TOKEN_EXPIRED', { service: 'chat.googleapis.com' })],
    );
  }
  return principal;
}

export function requireScope(principal: Principal, method: MethodId, adminAccess: boolean): void {
  const accepted = adminAccess ? METHOD_SCOPES[method].admin : METHOD_SCOPES[method].user;
  if (accepted.some((scope) => principal.scopes.has(scope))) return;
  throw new ApiError('PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [
    errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', {
      service: 'chat.googleapis.com',
      method: `google.chat.v1.ChatService.${methodRpc(method)}`,
    }),
  ]);
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
