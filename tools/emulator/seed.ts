/** The seed document: the emulator's whole state in one JSON shape (also what GET /_emulator/state returns). */

import { createPublicKey } from 'node:crypto';
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
  const apps = list('apps', false);
  const spaces = list('spaces', true);

  const userNames = new Set<string>();
  const botNames = new Set<string>();
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
    if (user.type === 'BOT' && typeof user.name === 'string') botNames.add(user.name);
    for (const key of ['givenName', 'familyName'] as const) {
      if (user[key] !== undefined && typeof user[key] !== 'string') fail(`${path}.${key}`, 'must be a string');
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

  const appNames = new Set<string>();
  const serviceAccounts = new Set<string>();
  apps.forEach((app, i) => {
    const path = `apps[${i}]`;
    if (!isObject(app)) {
      fail(path, 'must be an object');
      return;
    }
    if (typeof app.name !== 'string' || !userNames.has(app.name)) {
      fail(`${path}.name`, `must name a user from "users" (got ${JSON.stringify(app.name)})`);
    } else if (!botNames.has(app.name)) {
      fail(`${path}.name`, `${app.name} must be a user of type BOT (a Chat app)`);
    } else if (appNames.has(app.name)) {
      fail(`${path}.name`, `duplicate app ${app.name}`);
    } else {
      appNames.add(app.name);
    }
    if (typeof app.serviceAccount !== 'string' || !EMAIL.test(app.serviceAccount)) {
      fail(`${path}.serviceAccount`, 'must be the service account email (the iss of its JWTs)');
    } else if (serviceAccounts.has(app.serviceAccount.toLowerCase())) {
      fail(`${path}.serviceAccount`, `duplicate service account ${app.serviceAccount}`);
    } else {
      serviceAccounts.add(app.serviceAccount.toLowerCase());
    }
    if (typeof app.publicKeyPem !== 'string' || !isRsaPublicKey(app.publicKeyPem)) {
      fail(
        `${path}.publicKeyPem`,
        'must be an RSA public key in PEM ("-----BEGIN PUBLIC KEY-----"), never a private key',
      );
    }
    if (app.adminApproved !== undefined && typeof app.adminApproved !== 'boolean')
      fail(`${path}.adminApproved`, 'must be a boolean');
    if (app.project !== undefined && typeof app.project !== 'string') fail(`${path}.project`, 'must be a string');
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
    else if (principal.admin === true && appNames.has(String(principal.user)))
      fail(`${path}.admin`, 'an app principal cannot be an administrator');
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
    if (
      space.createdByApp !== undefined &&
      (typeof space.createdByApp !== 'string' || !appNames.has(space.createdByApp))
    )
      fail(`${path}.createdByApp`, `must name an app from "apps" (got ${JSON.stringify(space.createdByApp)})`);
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

/** True for an RSA public key in PEM. A private key is refused even though node could derive the public half. */
function isRsaPublicKey(pem: string): boolean {
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem) || /PRIVATE KEY/.test(pem)) return false;
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}
