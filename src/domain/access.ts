/**
 * How a member sheet talks to Chat: as the person (user), as a Workspace admin (useAdminAccess=true, admin scopes),
 * or as the Chat app (service-account token, only in spaces the app created). A sheet keeps the access it was
 * loaded with, and every later change from it uses the same.
 */
export type Access = 'user' | 'admin' | 'app';

export function isAccess(value: unknown): value is Access {
  return value === 'user' || value === 'admin' || value === 'app';
}
