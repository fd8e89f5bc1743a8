import type { AppGrant } from './auth';
import type { QuotaKind } from './quotas';
import type { EnumEncoding } from './serialize';
import type { ChatState, Principal } from './state';

/** Everything a method handler needs about one authenticated call. */
export interface CallContext {
  state: ChatState;
  principal: Principal;
  adminAccess: boolean;
  /** Set when a Chat app authenticates as itself: what its scopes let it do (see auth.ts). */
  app?: AppGrant;
  encoding: EnumEncoding;
  query: URLSearchParams;
  body: string;
  /** Hostile-answer mode: a role PATCH passes every check and answers 200 but leaves the role as it was. */
  keepRoles: boolean;
  /** Counts the call against the quotas it draws on; throws 429 when one is exhausted. */
  charge(kind: QuotaKind, space?: string): void;
}
