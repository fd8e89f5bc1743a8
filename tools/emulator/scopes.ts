/**
 * Which OAuth scopes each method accepts, split by how the caller authenticates. The union of these lists must equal
 * the method's scopes in the discovery document (a test checks it against chat.v1.json).
 */

const S = 'https://www.googleapis.com/auth/';

export type MethodId =
  | 'spaces.list'
  | 'spaces.search'
  | 'spaces.get'
  | 'spaces.members.list'
  | 'spaces.members.get'
  | 'spaces.members.patch';

export interface MethodScopes {
  /** User authentication without admin access. */
  user: string[];
  /** User authentication with useAdminAccess=true. */
  admin: string[];
  /** Scopes of app authentication and import mode: listed for completeness, not granted to user principals. */
  other: string[];
}

export const METHOD_SCOPES: Record<MethodId, MethodScopes> = {
  'spaces.list': { user: [`${S}chat.spaces`, `${S}chat.spaces.readonly`], admin: [], other: [`${S}chat.bot`] },
  'spaces.search': {
    user: [`${S}chat.spaces`, `${S}chat.spaces.readonly`],
    admin: [`${S}chat.admin.spaces`, `${S}chat.admin.spaces.readonly`],
    other: [],
  },
  'spaces.get': {
    user: [`${S}chat.spaces`, `${S}chat.spaces.readonly`],
    admin: [`${S}chat.admin.spaces`, `${S}chat.admin.spaces.readonly`],
    other: [`${S}chat.app.spaces`, `${S}chat.bot`],
  },
  'spaces.members.list': {
    user: [`${S}chat.memberships`, `${S}chat.memberships.readonly`],
    admin: [`${S}chat.admin.memberships`, `${S}chat.admin.memberships.readonly`],
    other: [`${S}chat.app.memberships`, `${S}chat.bot`, `${S}chat.import`],
  },
  'spaces.members.get': {
    user: [`${S}chat.memberships`, `${S}chat.memberships.readonly`],
    admin: [`${S}chat.admin.memberships`, `${S}chat.admin.memberships.readonly`],
    other: [`${S}chat.app.memberships`, `${S}chat.bot`],
  },
  'spaces.members.patch': {
    user: [`${S}chat.memberships`],
    admin: [`${S}chat.admin.memberships`],
    other: [`${S}chat.app.memberships`, `${S}chat.import`],
  },
};
