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

/** Import mode is not modelled: no principal can use `chat.import`. */
export const CHAT_IMPORT_SCOPE = `${S}chat.import`;
export const CHAT_BOT_SCOPE = `${S}chat.bot`;

/** The scopes app authentication may use for a method: its `other` scopes except `chat.import`. */
export function appScopes(method: MethodId): string[] {
  return METHOD_SCOPES[method].other.filter((scope) => scope !== CHAT_IMPORT_SCOPE);
}

/** `chat.app.*` scopes work only after a Workspace administrator's one-time approval of the app; `chat.bot` does not. */
export const needsAdminApproval = (scope: string): boolean => scope.startsWith(`${S}chat.app.`);

/**
 * People API `people.get` / `people.getBatchGet`: reading another user's domain profile needs `directory.readonly`.
 * The methods accept more scopes (contacts, userinfo.*); the emulator models only the directory one (ASSUMPTIONS.md).
 */
export const PEOPLE_SCOPES = [`${S}directory.readonly`];

/** Admin SDK Directory `users.get`, as its discovery document lists them. */
export const DIRECTORY_USER_SCOPES = [
  `${S}admin.directory.user`,
  `${S}admin.directory.user.readonly`,
  `${S}cloud-platform`,
];
