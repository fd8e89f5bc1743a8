/** The seed document: the emulator's whole state in one JSON shape (also what GET /_emulator/state returns). */

import type { MembershipRole, MembershipState, SpaceType, UserType } from './enums';
import type { PermissionSettings } from './permission-settings';
import {
  type SeedCheck,
  seedCheck,
  validateApp,
  validateGroup,
  validatePrincipal,
  validateSpace,
  validateUser,
} from './seed-validators';

export interface SeedPrincipal {
  token: string;
  user: string;
  scopes: string[];
  admin?: boolean;
  /** Cloud project the token belongs to; project quotas are counted per project. */
  project?: string;
}

export interface SeedUser {
  name: string;
  displayName?: string;
  email?: string;
  type?: UserType;
  /** People API / Directory name parts; derived from displayName when absent (see ASSUMPTIONS.md). */
  givenName?: string;
  familyName?: string;
}

/** A Chat app that authenticates as itself: a service account whose JWTs /token turns into access tokens. */
export interface SeedApp {
  /** The app's Chat user (`users/{id}`), a user of type BOT. */
  name: string;
  /** The service account's email: the `iss` of its JWTs. */
  serviceAccount: string;
  /** SPKI PEM of the service account key; only the public half is ever given to the emulator. */
  publicKeyPem: string;
  /** Whether a Workspace administrator approved the app's `chat.app.*` scopes (default false). */
  adminApproved?: boolean;
  /** Cloud project the app's calls are counted against (default: the same default project as principals). */
  project?: string;
}

export interface SeedGroup {
  name: string;
}

export interface SeedMembership {
  member?: string;
  groupMember?: string;
  role?: MembershipRole;
  state?: MembershipState;
  createTime?: string;
}

export interface SeedSpace {
  name: string;
  displayName?: string;
  spaceType?: SpaceType;
  createTime?: string;
  lastActiveTime?: string;
  externalUserAllowed?: boolean;
  /** The app (`apps[].name`) that created the space: app authentication with `chat.app.*` scopes may manage it. */
  createdByApp?: string;
  /** Space.permissionSettings (chat.v1.json); only `manageMembersAndGroups` changes what the emulator allows. */
  permissionSettings?: PermissionSettings;
  memberships: SeedMembership[];
}

export interface Seed {
  principals: SeedPrincipal[];
  users: SeedUser[];
  groups?: SeedGroup[];
  apps?: SeedApp[];
  spaces: SeedSpace[];
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
  constructor(readonly problems: string[]) {
    super(`Invalid seed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates an untrusted seed and returns it typed, or throws SeedError listing every problem found. Entities are
 * checked in dependency order (users before the apps, principals and memberships that name them).
 */
export function validateSeed(input: unknown): Seed {
  if (!isObject(input)) throw new SeedError(['seed: must be a JSON object']);
  const check: SeedCheck = seedCheck();
  const list = (key: string, required: boolean): unknown[] => {
    const value = input[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      check.fail(key, 'must be an array');
      return [];
    }
    return value;
  };
  const principals = list('principals', true);
  const users = list('users', true);
  const groups = list('groups', false);
  const apps = list('apps', false);
  const spaces = list('spaces', true);
  const each = (items: unknown[], key: string, validate: (c: SeedCheck, item: unknown, path: string) => void) => {
    items.forEach((item, i) => {
      validate(check, item, `${key}[${i}]`);
    });
  };
  each(users, 'users', validateUser);
  each(groups, 'groups', validateGroup);
  each(apps, 'apps', validateApp);
  each(principals, 'principals', validatePrincipal);
  each(spaces, 'spaces', validateSpace);
  if (check.problems.length > 0) throw new SeedError(check.problems);
  return input as unknown as Seed;
}
