/** The seed document: the emulator's whole state in one JSON shape (also what GET /_emulator/state returns). */

import {
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATES,
  type MembershipRole,
  type MembershipState,
  SPACE_TYPES,
  type SpaceType,
  USER_TYPES,
  type UserType,
} from './enums';

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
  memberships: SeedMembership[];
}

export interface Seed {
  principals: SeedPrincipal[];
  users: SeedUser[];
  groups?: SeedGroup[];
  spaces: SeedSpace[];
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
  constructor(readonly problems: string[]) {
    super(`Invalid seed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const USER_NAME = /^users\/[A-Za-z0-9._-]+$/;
const GROUP_NAME = /^groups\/[A-Za-z0-9._-]+$/;
const SPACE_NAME = /^spaces\/[A-Za-z0-9_-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates an untrusted seed and returns it typed, or throws SeedError listing every problem found. */
export function validateSeed(input: unknown): Seed {
  const problems: string[] = [];
  const fail = (path: string, message: string) => problems.push(`${path}: ${message}`);
  if (!isObject(input)) throw new SeedError(['seed: must be a JSON object']);

  const list = (key: string, required: boolean): unknown[] => {
    const value = input[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      fail(key, 'must be an array');
      return [];
    }
    return value;
  };
  const principals = list('principals', true);
  const users = list('users', true);
  const groups = list('groups', false);
  const spaces = list('spaces', true);

  const userNames = new Set<string>();
  const emails = new Set<string>();
  users.forEach((user, i) => {
    const path = `users[${i}]`;
    if (!isObject(user)) {
      fail(path, 'must be an object');
      return;
    }
    if (typeof user.name !== 'string' || !USER_NAME.test(user.name))
      fail(`${path}.name`, 'must look like "users/{id}"');
    else if (userNames.has(user.name)) fail(`${path}.name`, `duplicate user ${user.name}`);
    else userNames.add(user.name);
    if (user.displayName !== undefined && typeof user.displayName !== 'string')
      fail(`${path}.displayName`, 'must be a string');
    if (user.email !== undefined) {
      if (typeof user.email !== 'string' || !EMAIL.test(user.email)) fail(`${path}.email`, 'must be an email address');
      else if (emails.has(user.email.toLowerCase())) fail(`${path}.email`, `duplicate email ${user.email}`);
      else emails.add(user.email.toLowerCase());
    }
    if (
      user.type !== undefined &&
      (user.type === 'TYPE_UNSPECIFIED' || !Object.hasOwn(USER_TYPES, String(user.type)))
    ) {
      fail(`${path}.type`, 'must be "HUMAN" or "BOT"');
    }
  });

  const groupNames = new Set<string>();
  groups.forEach((group, i) => {
    const path = `groups[${i}]`;
    if (!isObject(group) || typeof group.name !== 'string' || !GROUP_NAME.test(group.name)) {
      fail(`${path}.name`, 'must look like "groups/{id}"');
      return;
    }
    if (groupNames.has(group.name)) fail(`${path}.name`, `duplicate group ${group.name}`);
    groupNames.add(group.name);
  });

  const tokens = new Set<string>();
  principals.forEach((principal, i) => {
    const path = `principals[${i}]`;
    if (!isObject(principal)) {
      fail(path, 'must be an object');
      return;
    }
    if (typeof principal.token !== 'string' || !/^[\x21-\x7e]+$/.test(principal.token))
      fail(
        `${path}.token`,
        'must be a non-empty string of printable ASCII without spaces (it is sent as a bearer token)',
      );
    else if (tokens.has(principal.token)) fail(`${path}.token`, 'duplicate token');
    else tokens.add(principal.token);
    if (typeof principal.user !== 'string' || !userNames.has(principal.user)) {
      fail(`${path}.user`, `must name a user from "users" (got ${JSON.stringify(principal.user)})`);
    }
    if (!Array.isArray(principal.scopes) || principal.scopes.some((scope) => typeof scope !== 'string')) {
      fail(`${path}.scopes`, 'must be an array of scope URLs');
    }
    if (principal.admin !== undefined && typeof principal.admin !== 'boolean')
      fail(`${path}.admin`, 'must be a boolean');
    if (principal.project !== undefined && typeof principal.project !== 'string')
      fail(`${path}.project`, 'must be a string');
  });

  const spaceNames = new Set<string>();
  spaces.forEach((space, i) => {
    const path = `spaces[${i}]`;
    if (!isObject(space)) {
      fail(path, 'must be an object');
      return;
    }
    if (typeof space.name !== 'string' || !SPACE_NAME.test(space.name))
      fail(`${path}.name`, 'must look like "spaces/{id}"');
    else if (spaceNames.has(space.name)) fail(`${path}.name`, `duplicate space ${space.name}`);
    else spaceNames.add(space.name);
    const spaceType = space.spaceType ?? 'SPACE';
    if (
      typeof spaceType !== 'string' ||
      spaceType === 'SPACE_TYPE_UNSPECIFIED' ||
      !Object.hasOwn(SPACE_TYPES, spaceType)
    ) {
      fail(`${path}.spaceType`, 'must be "SPACE", "GROUP_CHAT" or "DIRECT_MESSAGE"');
    }
    if (spaceType === 'SPACE' && (typeof space.displayName !== 'string' || space.displayName.trim() === '')) {
      fail(`${path}.displayName`, 'a SPACE needs a displayName');
    }
    if (spaceType !== 'SPACE' && space.displayName !== undefined && space.displayName !== '') {
      fail(`${path}.displayName`, `only a SPACE has a displayName (this is a ${String(spaceType)})`);
    }
    for (const key of ['createTime', 'lastActiveTime'] as const) {
      const value = space[key];
      if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
        fail(`${path}.${key}`, 'must be an RFC 3339 timestamp');
      }
    }
    if (!Array.isArray(space.memberships)) {
      fail(`${path}.memberships`, 'must be an array');
      return;
    }
    const seen = new Set<string>();
    space.memberships.forEach((membership: unknown, j: number) => {
      const mpath = `${path}.memberships[${j}]`;
      if (!isObject(membership)) {
        fail(mpath, 'must be an object');
        return;
      }
      const { member, groupMember, role, state } = membership;
      if ((member === undefined) === (groupMember === undefined)) {
        fail(mpath, 'needs exactly one of "member" or "groupMember"');
        return;
      }
      const who = String(member ?? groupMember);
      if (member !== undefined && !userNames.has(who)) fail(`${mpath}.member`, `unknown user ${who}`);
      if (groupMember !== undefined && !groupNames.has(who)) fail(`${mpath}.groupMember`, `unknown group ${who}`);
      if (seen.has(who)) fail(mpath, `${who} is already a member of ${String(space.name)}`);
      seen.add(who);
      if (role !== undefined && (typeof role !== 'string' || !Object.hasOwn(MEMBERSHIP_ROLES, role))) {
        fail(
          `${mpath}.role`,
          'must be ROLE_MEMBER, ROLE_ASSISTANT_MANAGER (UI "Manager") or ROLE_MANAGER (UI "Owner")',
        );
      } else if (groupMember !== undefined && role !== undefined && role !== 'MEMBERSHIP_ROLE_UNSPECIFIED') {
        fail(`${mpath}.role`, 'a Google Group membership has no role');
      } else if (member !== undefined && role === 'MEMBERSHIP_ROLE_UNSPECIFIED') {
        fail(`${mpath}.role`, 'a user membership needs a role');
      } else if (spaceType !== 'SPACE' && (role === 'ROLE_MANAGER' || role === 'ROLE_ASSISTANT_MANAGER')) {
        fail(`${mpath}.role`, `${role} exists only in a SPACE`);
      }
      if (
        state !== undefined &&
        (state === 'MEMBERSHIP_STATE_UNSPECIFIED' || !Object.hasOwn(MEMBERSHIP_STATES, String(state)))
      ) {
        fail(`${mpath}.state`, 'must be "JOINED", "INVITED" or "NOT_A_MEMBER"');
      }
      if (membership.createTime !== undefined && Number.isNaN(Date.parse(String(membership.createTime)))) {
        fail(`${mpath}.createTime`, 'must be an RFC 3339 timestamp');
      }
    });
  });

  if (problems.length > 0) throw new SeedError(problems);
  return input as unknown as Seed;
}
