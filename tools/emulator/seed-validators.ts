/**
 * One validator per seed entity. Each records problems (with the JSON path) rather than stopping at the first, so a
 * bad seed is reported whole, and registers the names later entities may refer to.
 */

import { createPublicKey } from 'node:crypto';
import { MEMBERSHIP_ROLES, MEMBERSHIP_STATES, SPACE_TYPES, USER_TYPES } from './enums';
import { PERMISSION_SETTING_FIELDS, PERMISSION_SETTING_KEYS } from './permission-settings';

const USER_NAME = /^users\/[A-Za-z0-9._-]+$/;
const GROUP_NAME = /^groups\/[A-Za-z0-9._-]+$/;
const SPACE_NAME = /^spaces\/[A-Za-z0-9_-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What validating one seed has found so far: problems, and the names each entity kind has registered. */
export interface SeedCheck {
  problems: string[];
  fail(path: string, message: string): void;
  userNames: Set<string>;
  botNames: Set<string>;
  emails: Set<string>;
  groupNames: Set<string>;
  appNames: Set<string>;
  serviceAccounts: Set<string>;
  tokens: Set<string>;
  spaceNames: Set<string>;
}

export function seedCheck(): SeedCheck {
  const problems: string[] = [];
  return {
    problems,
    fail: (path, message) => problems.push(`${path}: ${message}`),
    userNames: new Set(),
    botNames: new Set(),
    emails: new Set(),
    groupNames: new Set(),
    appNames: new Set(),
    serviceAccounts: new Set(),
    tokens: new Set(),
    spaceNames: new Set(),
  };
}

/** Adds `value` to `seen`, or reports it as a duplicate. */
function unique(check: SeedCheck, seen: Set<string>, value: string, path: string, what: string, shown = value): void {
  if (seen.has(value)) check.fail(path, `duplicate ${what} ${shown}`);
  else seen.add(value);
}

function optionalString(check: SeedCheck, object: Record<string, unknown>, key: string, path: string): void {
  if (object[key] !== undefined && typeof object[key] !== 'string') check.fail(`${path}.${key}`, 'must be a string');
}

function optionalBoolean(check: SeedCheck, object: Record<string, unknown>, key: string, path: string): boolean {
  const bad = object[key] !== undefined && typeof object[key] !== 'boolean';
  if (bad) check.fail(`${path}.${key}`, 'must be a boolean');
  return !bad;
}

const isTimestamp = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

export function validateUser(check: SeedCheck, user: unknown, path: string): void {
  if (!isObject(user)) {
    check.fail(path, 'must be an object');
    return;
  }
  if (typeof user.name !== 'string' || !USER_NAME.test(user.name))
    check.fail(`${path}.name`, 'must look like "users/{id}"');
  else unique(check, check.userNames, user.name, `${path}.name`, 'user');
  optionalString(check, user, 'displayName', path);
  if (user.email !== undefined) {
    if (typeof user.email !== 'string' || !EMAIL.test(user.email))
      check.fail(`${path}.email`, 'must be an email address');
    else unique(check, check.emails, user.email.toLowerCase(), `${path}.email`, 'email', user.email);
  }
  if (user.type !== undefined && (user.type === 'TYPE_UNSPECIFIED' || !Object.hasOwn(USER_TYPES, String(user.type)))) {
    check.fail(`${path}.type`, 'must be "HUMAN" or "BOT"');
  }
  if (user.type === 'BOT' && typeof user.name === 'string') check.botNames.add(user.name);
  optionalString(check, user, 'givenName', path);
  optionalString(check, user, 'familyName', path);
}

export function validateGroup(check: SeedCheck, group: unknown, path: string): void {
  if (!isObject(group) || typeof group.name !== 'string' || !GROUP_NAME.test(group.name)) {
    check.fail(`${path}.name`, 'must look like "groups/{id}"');
    return;
  }
  if (check.groupNames.has(group.name)) check.fail(`${path}.name`, `duplicate group ${group.name}`);
  check.groupNames.add(group.name);
}

export function validateApp(check: SeedCheck, app: unknown, path: string): void {
  if (!isObject(app)) {
    check.fail(path, 'must be an object');
    return;
  }
  if (typeof app.name !== 'string' || !check.userNames.has(app.name)) {
    check.fail(`${path}.name`, `must name a user from "users" (got ${JSON.stringify(app.name)})`);
  } else if (!check.botNames.has(app.name)) {
    check.fail(`${path}.name`, `${app.name} must be a user of type BOT (a Chat app)`);
  } else {
    unique(check, check.appNames, app.name, `${path}.name`, 'app');
  }
  if (typeof app.serviceAccount !== 'string' || !EMAIL.test(app.serviceAccount)) {
    check.fail(`${path}.serviceAccount`, 'must be the service account email (the iss of its JWTs)');
  } else {
    const account = app.serviceAccount;
    unique(check, check.serviceAccounts, account.toLowerCase(), `${path}.serviceAccount`, 'service account', account);
  }
  if (typeof app.publicKeyPem !== 'string' || !isRsaPublicKey(app.publicKeyPem)) {
    const message = 'must be an RSA public key in PEM ("-----BEGIN PUBLIC KEY-----"), never a private key';
    check.fail(`${path}.publicKeyPem`, message);
  }
  optionalBoolean(check, app, 'adminApproved', path);
  optionalString(check, app, 'project', path);
}

export function validatePrincipal(check: SeedCheck, principal: unknown, path: string): void {
  if (!isObject(principal)) {
    check.fail(path, 'must be an object');
    return;
  }
  if (typeof principal.token !== 'string' || !/^[\x21-\x7e]+$/.test(principal.token)) {
    const message = 'must be a non-empty string of printable ASCII without spaces (it is sent as a bearer token)';
    check.fail(`${path}.token`, message);
  } else if (check.tokens.has(principal.token)) check.fail(`${path}.token`, 'duplicate token');
  else check.tokens.add(principal.token);
  if (typeof principal.user !== 'string' || !check.userNames.has(principal.user)) {
    check.fail(`${path}.user`, `must name a user from "users" (got ${JSON.stringify(principal.user)})`);
  }
  if (!Array.isArray(principal.scopes) || principal.scopes.some((scope) => typeof scope !== 'string')) {
    check.fail(`${path}.scopes`, 'must be an array of scope URLs');
  }
  if (optionalBoolean(check, principal, 'admin', path) && principal.admin === true) {
    if (check.appNames.has(String(principal.user)))
      check.fail(`${path}.admin`, 'an app principal cannot be an administrator');
  }
  optionalString(check, principal, 'project', path);
}

export function validateSpace(check: SeedCheck, space: unknown, path: string): void {
  if (!isObject(space)) {
    check.fail(path, 'must be an object');
    return;
  }
  if (typeof space.name !== 'string' || !SPACE_NAME.test(space.name))
    check.fail(`${path}.name`, 'must look like "spaces/{id}"');
  else unique(check, check.spaceNames, space.name, `${path}.name`, 'space');
  const spaceType = space.spaceType ?? 'SPACE';
  if (
    typeof spaceType !== 'string' ||
    spaceType === 'SPACE_TYPE_UNSPECIFIED' ||
    !Object.hasOwn(SPACE_TYPES, spaceType)
  ) {
    check.fail(`${path}.spaceType`, 'must be "SPACE", "GROUP_CHAT" or "DIRECT_MESSAGE"');
  }
  if (spaceType === 'SPACE' && (typeof space.displayName !== 'string' || space.displayName.trim() === '')) {
    check.fail(`${path}.displayName`, 'a SPACE needs a displayName');
  }
  if (spaceType !== 'SPACE' && space.displayName !== undefined && space.displayName !== '') {
    check.fail(`${path}.displayName`, `only a SPACE has a displayName (this is a ${String(spaceType)})`);
  }
  for (const key of ['createTime', 'lastActiveTime'] as const) {
    if (space[key] !== undefined && !isTimestamp(space[key]))
      check.fail(`${path}.${key}`, 'must be an RFC 3339 timestamp');
  }
  if (
    space.createdByApp !== undefined &&
    (typeof space.createdByApp !== 'string' || !check.appNames.has(space.createdByApp))
  )
    check.fail(`${path}.createdByApp`, `must name an app from "apps" (got ${JSON.stringify(space.createdByApp)})`);
  if (space.permissionSettings !== undefined) {
    validatePermissionSettings(check, space.permissionSettings, `${path}.permissionSettings`, spaceType);
  }
  if (!Array.isArray(space.memberships)) {
    check.fail(`${path}.memberships`, 'must be an array');
    return;
  }
  const members = new Set<string>();
  const inSpace = { name: String(space.name), spaceType: String(spaceType), members };
  space.memberships.forEach((membership: unknown, j: number) => {
    validateMembership(check, membership, `${path}.memberships[${j}]`, inSpace);
  });
}

interface SpaceContext {
  name: string;
  spaceType: string;
  /** Members (users and groups) already seen in this space. */
  members: Set<string>;
}

export function validateMembership(check: SeedCheck, membership: unknown, path: string, space: SpaceContext): void {
  if (!isObject(membership)) {
    check.fail(path, 'must be an object');
    return;
  }
  const { member, groupMember, role, state } = membership;
  if ((member === undefined) === (groupMember === undefined)) {
    check.fail(path, 'needs exactly one of "member" or "groupMember"');
    return;
  }
  const who = String(member ?? groupMember);
  if (member !== undefined && !check.userNames.has(who)) check.fail(`${path}.member`, `unknown user ${who}`);
  if (groupMember !== undefined && !check.groupNames.has(who))
    check.fail(`${path}.groupMember`, `unknown group ${who}`);
  if (space.members.has(who)) check.fail(path, `${who} is already a member of ${space.name}`);
  space.members.add(who);
  const roleProblem = membershipRoleProblem(role, member !== undefined, space.spaceType);
  if (roleProblem) check.fail(`${path}.role`, roleProblem);
  if (
    state !== undefined &&
    (state === 'MEMBERSHIP_STATE_UNSPECIFIED' || !Object.hasOwn(MEMBERSHIP_STATES, String(state)))
  ) {
    check.fail(`${path}.state`, 'must be "JOINED", "INVITED" or "NOT_A_MEMBER"');
  }
  if (membership.createTime !== undefined && Number.isNaN(Date.parse(String(membership.createTime)))) {
    check.fail(`${path}.createTime`, 'must be an RFC 3339 timestamp');
  }
}

function membershipRoleProblem(role: unknown, isUser: boolean, spaceType: string): string | null {
  if (role === undefined) return null;
  if (typeof role !== 'string' || !Object.hasOwn(MEMBERSHIP_ROLES, role)) {
    return 'must be ROLE_MEMBER, ROLE_ASSISTANT_MANAGER (UI "Manager") or ROLE_MANAGER (UI "Owner")';
  }
  if (!isUser && role !== 'MEMBERSHIP_ROLE_UNSPECIFIED') return 'a Google Group membership has no role';
  if (isUser && role === 'MEMBERSHIP_ROLE_UNSPECIFIED') return 'a user membership needs a role';
  if (spaceType !== 'SPACE' && (role === 'ROLE_MANAGER' || role === 'ROLE_ASSISTANT_MANAGER')) {
    return `${role} exists only in a SPACE`;
  }
  return null;
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

/** Space.permissionSettings as chat.v1.json shapes it: known settings, each with optional booleans; named spaces only. */
function validatePermissionSettings(check: SeedCheck, settings: unknown, path: string, spaceType: unknown): void {
  if (spaceType !== 'SPACE') check.fail(path, 'only a SPACE has permission settings');
  if (!isObject(settings)) {
    check.fail(path, 'must be an object');
    return;
  }
  for (const [key, setting] of Object.entries(settings)) {
    if (!(PERMISSION_SETTING_KEYS as readonly string[]).includes(key)) {
      check.fail(`${path}.${key}`, `unknown permission setting (known: ${PERMISSION_SETTING_KEYS.join(', ')})`);
    } else if (!isObject(setting)) {
      check.fail(`${path}.${key}`, 'must be an object');
    } else {
      for (const field of Object.keys(setting)) {
        if (!(PERMISSION_SETTING_FIELDS as readonly string[]).includes(field))
          check.fail(`${path}.${key}.${field}`, `unknown field (known: ${PERMISSION_SETTING_FIELDS.join(', ')})`);
        else optionalBoolean(check, setting, field, `${path}.${key}`);
      }
    }
  }
}
