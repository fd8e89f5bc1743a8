import { DOCUMENTED_QUOTAS } from '../quotas';
/** Seeds and HTTP helpers shared by the emulator suites. Every suite builds its own world from these. */

import { generateKeyPairSync, sign } from 'node:crypto';
import type { EmulatorConfigInput } from '../config';
import type { Seed, SeedMembership, SeedUser } from '../seed';
import { type Emulator, startEmulator } from '../server';

export const SCOPE = 'https://www.googleapis.com/auth/';
export const scope = (name: string) => `${SCOPE}${name}`;

export const USER_SCOPES = [scope('chat.memberships'), scope('chat.spaces.readonly')];
export const READONLY_SCOPES = [scope('chat.memberships.readonly'), scope('chat.spaces.readonly')];
export const ADMIN_SCOPES = [
  ...USER_SCOPES,
  scope('chat.admin.memberships'),
  scope('chat.admin.spaces'),
  scope('chat.admin.spaces.readonly'),
];

/** Tokens of the small world; each names who holds it. */
export const TOKENS = {
  owner: 'tok-owner-7f3a', // Olivia: Owner (ROLE_MANAGER) of Launch, Manager of Support
  manager: 'tok-manager-91bc', // Mark: Manager (ROLE_ASSISTANT_MANAGER) of Launch
  member: 'tok-member-22de', // Mia: plain member of Launch
  outsider: 'tok-outsider-5e11', // Oscar: in no named space
  readonly: 'tok-readonly-0c4d', // Olivia again, read-only scopes
  noScopes: 'tok-noscope-8a8a', // Olivia again, no Chat scopes at all
  admin: 'tok-admin-3b3b', // Ada: Workspace admin with admin scopes, member of nothing
  adminUserScopes: 'tok-admin-userscopes-6c6c', // Ada with only user scopes
  fakeAdmin: 'tok-fakeadmin-4d4d', // Mia with admin scopes but no admin privilege
  other: 'tok-otherproject-1a1a', // Olivia through another Cloud project
} as const;

export const U = {
  olivia: 'users/100',
  mark: 'users/101',
  mia: 'users/102',
  oscar: 'users/103',
  ivan: 'users/104',
  pat: 'users/105',
  ada: 'users/190',
  bot: 'users/900',
} as const;

const m = (
  member: string,
  role: SeedMembership['role'] = 'ROLE_MEMBER',
  state: SeedMembership['state'] = 'JOINED',
): SeedMembership => ({ member, role, state });

/** A small world that exercises every permission rule. */
export function smallSeed(): Seed {
  return {
    principals: [
      { token: TOKENS.owner, user: U.olivia, scopes: USER_SCOPES },
      { token: TOKENS.manager, user: U.mark, scopes: USER_SCOPES },
      { token: TOKENS.member, user: U.mia, scopes: USER_SCOPES },
      { token: TOKENS.outsider, user: U.oscar, scopes: USER_SCOPES },
      { token: TOKENS.readonly, user: U.olivia, scopes: READONLY_SCOPES },
      { token: TOKENS.noScopes, user: U.olivia, scopes: [scope('drive')] },
      { token: TOKENS.admin, user: U.ada, scopes: ADMIN_SCOPES, admin: true },
      { token: TOKENS.adminUserScopes, user: U.ada, scopes: USER_SCOPES, admin: true },
      { token: TOKENS.fakeAdmin, user: U.mia, scopes: ADMIN_SCOPES, admin: false },
      { token: TOKENS.other, user: U.olivia, scopes: USER_SCOPES, project: 'other-project' },
    ],
    users: [
      { name: U.olivia, displayName: 'Olivia Owner', email: 'olivia@example.com', type: 'HUMAN' },
      { name: U.mark, displayName: 'Mark Manager', email: 'mark@example.com', type: 'HUMAN' },
      { name: U.mia, displayName: 'Mia Member', email: 'mia@example.com', type: 'HUMAN' },
      { name: U.oscar, displayName: 'Oscar Outsider', email: 'oscar@example.com', type: 'HUMAN' },
      { name: U.ivan, displayName: 'Ivan Invited', email: 'ivan@example.com', type: 'HUMAN' },
      { name: U.pat, displayName: 'Pat Peer', email: 'pat@example.com', type: 'HUMAN' },
      { name: U.ada, displayName: 'Ada Admin', email: 'ada@example.com', type: 'HUMAN' },
      { name: U.bot, displayName: 'Helper Bot', type: 'BOT' },
    ],
    groups: [{ name: 'groups/eng' }],
    spaces: [
      {
        name: 'spaces/Launch',
        displayName: 'Launch team',
        spaceType: 'SPACE',
        createTime: '2025-03-01T09:00:00Z',
        memberships: [
          m(U.olivia, 'ROLE_MANAGER'),
          m(U.mark, 'ROLE_ASSISTANT_MANAGER'),
          m(U.mia),
          m(U.pat),
          m(U.ivan, 'ROLE_MEMBER', 'INVITED'),
          m(U.bot),
          { groupMember: 'groups/eng' },
        ],
      },
      {
        name: 'spaces/Support',
        displayName: 'Support rota',
        spaceType: 'SPACE',
        createTime: '2025-05-01T09:00:00Z',
        memberships: [m(U.mark, 'ROLE_MANAGER'), m(U.olivia, 'ROLE_ASSISTANT_MANAGER'), m(U.mia)],
      },
      {
        name: 'spaces/Design',
        displayName: 'Design reviews',
        spaceType: 'SPACE',
        createTime: '2025-04-01T09:00:00Z',
        memberships: [m(U.olivia, 'ROLE_MANAGER'), m(U.pat), m(U.mia)],
      },
      {
        name: 'spaces/Finance',
        displayName: 'Finance and budget',
        spaceType: 'SPACE',
        createTime: '2025-02-01T09:00:00Z',
        memberships: [m(U.mark, 'ROLE_MANAGER'), m(U.pat)],
      },
      {
        name: 'spaces/Group',
        spaceType: 'GROUP_CHAT',
        createTime: '2025-07-01T09:00:00Z',
        memberships: [m(U.olivia), m(U.mark), m(U.mia)],
      },
      {
        name: 'spaces/Dm',
        spaceType: 'DIRECT_MESSAGE',
        createTime: '2025-08-01T09:00:00Z',
        memberships: [m(U.olivia), m(U.mia)],
      },
    ],
  };
}

export const BIG = 'spaces/Big';
export const BIG_MEMBERS = 2500;

/**
 * The small world plus a space of 2,500 joined humans, a few owners, a bot, a group and invitees (for pagination and
 * filters), and many spaces Olivia is in (for spaces.list pagination).
 */
export function bigSeed(extraSpaces = 0): Seed {
  const seed = smallSeed();
  const crowd: SeedUser[] = Array.from({ length: BIG_MEMBERS }, (_, i) => ({
    name: `users/${10_000 + i}`,
    displayName: `Employee ${i}`,
    email: `employee${i}@example.com`,
    type: 'HUMAN',
  }));
  seed.users.push(...crowd);
  const roleOf = (i: number): SeedMembership['role'] =>
    i % 500 === 0 ? 'ROLE_MANAGER' : i % 100 === 1 ? 'ROLE_ASSISTANT_MANAGER' : 'ROLE_MEMBER';
  seed.spaces.push({
    name: BIG,
    displayName: 'Everyone at the company',
    spaceType: 'SPACE',
    createTime: '2024-12-01T09:00:00Z',
    memberships: [
      ...crowd.map((u, i) => m(u.name, roleOf(i))),
      m(U.olivia, 'ROLE_MANAGER'),
      m(U.bot),
      m(U.ivan, 'ROLE_MEMBER', 'INVITED'),
      { groupMember: 'groups/eng' },
    ],
  });
  for (let i = 0; i < extraSpaces; i++) {
    seed.spaces.push({
      name: `spaces/Extra${String(i).padStart(4, '0')}`,
      displayName: `Extra ${i}`,
      spaceType: 'SPACE',
      memberships: [m(U.olivia, 'ROLE_MANAGER')],
    });
  }
  return seed;
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Plain fetch against the emulator, with a bearer token (or none) and a JSON body. */
export async function call<T = Record<string, unknown>>(
  emulator: Emulator,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = body;
  const res = await fetch(`${emulator.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

export const get = (e: Emulator, path: string, token?: string) => call(e, 'GET', path, { token });

export const patchRole = (e: Emulator, membership: string, role: unknown, token: string, extraQuery = '') =>
  call(e, 'PATCH', `/v1/${membership}?updateMask=role${extraQuery}`, { token, body: { role } });

/** Asserts an AIP-193 error body: `{error: {code, message, status}}` with matching code and status. */
export function expectApiError(
  res: ApiResponse<unknown>,
  code: number,
  status: string,
  messagePattern?: RegExp,
): { code: number; message: string; status: string; details?: Record<string, unknown>[] } {
  expect(res.status).toBe(code);
  const body = res.body as { error?: Record<string, unknown> };
  expect(body).toEqual({ error: expect.any(Object) });
  const error = body.error as { code: number; message: string; status: string; details?: Record<string, unknown>[] };
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  const allowed = new Set(['code', 'message', 'status', 'details']);
  expect(Object.keys(error).filter((k) => !allowed.has(k))).toEqual([]);
  if (error.details !== undefined) {
    expect(Array.isArray(error.details)).toBe(true);
    for (const d of error.details) expect(typeof d['@type']).toBe('string');
  }
  if (messagePattern) expect(error.message).toMatch(messagePattern);
  return error;
}

/** The role a membership has in the emulator's state right now (read straight from the state object). */
export function roleInState(e: Emulator, space: string, userId: string): string | undefined {
  return e.state().spaces.get(space)?.memberships.get(userId)?.role;
}

export const QUOTAS_OFF = { quotas: { enabled: false } } as const;

/**
 * Starts one emulator for the calling suite (port 0, 127.0.0.1) and stops it afterwards. Returns a getter because
 * the emulator only exists once `beforeAll` has run.
 */
export function useEmulator(seed: () => Seed, config?: EmulatorConfigInput): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(
      config === undefined ? { port: 0, seed: seed() } : { port: 0, seed: seed(), config },
    );
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// App authentication, People API and Directory API.

export const APP = 'users/900100';
export const SERVICE_ACCOUNT = 'roles-app@test-project.iam.gserviceaccount.com';
export const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Tokens of the extra principals appSeed() adds. */
export const MORE_TOKENS = {
  people: 'tok-people-2b2b', // Olivia with the People scope (directory.readonly)
  directoryAdmin: 'tok-diradmin-3c3c', // Ada, an administrator, with the Directory user scope
  directoryUser: 'tok-diruser-4e4e', // Mia, not an administrator, with the Directory user scope
  seededApp: 'tok-seeded-app-5f5f', // the app itself, a seeded token (no /token round trip)
} as const;

export interface AppSeedOptions {
  adminApproved?: boolean;
}

/**
 * The small world plus a Chat app (users/900100, service account SERVICE_ACCOUNT, the given public key):
 * - spaces/AppMade, created by the app: the app (member), Olivia (Owner), Mia, Pat;
 * - spaces/AppLeft, created by the app, which has since been removed from it: Olivia (Owner), Mia;
 * - the app is also a plain member of spaces/Launch, which it did not create.
 */
export function appSeed(publicKeyPem: string, options: AppSeedOptions = {}): Seed {
  const seed = smallSeed();
  seed.users.push({ name: APP, displayName: 'Roles App', type: 'BOT' });
  seed.apps = [
    {
      name: APP,
      serviceAccount: SERVICE_ACCOUNT,
      publicKeyPem,
      adminApproved: options.adminApproved ?? true,
      project: 'app-project',
    },
  ];
  seed.principals.push(
    { token: MORE_TOKENS.people, user: U.olivia, scopes: [...USER_SCOPES, scope('directory.readonly')] },
    { token: MORE_TOKENS.directoryAdmin, user: U.ada, scopes: [scope('admin.directory.user.readonly')], admin: true },
    { token: MORE_TOKENS.directoryUser, user: U.mia, scopes: [scope('admin.directory.user.readonly')] },
    { token: MORE_TOKENS.seededApp, user: APP, scopes: [scope('chat.app.memberships')] },
  );
  seed.spaces[0]?.memberships.push(m(APP));
  seed.spaces.push(
    {
      name: 'spaces/AppMade',
      displayName: 'Release bots',
      spaceType: 'SPACE',
      createdByApp: APP,
      memberships: [m(APP), m(U.olivia, 'ROLE_MANAGER'), m(U.mia), m(U.pat)],
    },
    {
      name: 'spaces/AppLeft',
      displayName: 'Old release bots',
      spaceType: 'SPACE',
      createdByApp: APP,
      memberships: [m(U.olivia, 'ROLE_MANAGER'), m(U.mia)],
    },
  );
  return seed;
}

/** A fresh RSA key pair (2048 bits), PEM-encoded like a service-account key. */
export function rsaKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `claims` as an RS256 JWT with `privateKeyPem` (the header can be replaced to test bad algorithms). */
export function signJwt(
  privateKeyPem: string,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), privateKeyPem).toString('base64url');
  return `${input}.${signature}`;
}

/** The claim set a service account sends: iss, scope, aud, iat = now, exp = now + 1 hour; `overrides` win. */
export function claimsFor(scopes: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: SERVICE_ACCOUNT,
    scope: scopes.join(' '),
    aud: TOKEN_AUDIENCE,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

/** POSTs a JWT-bearer token request (form-encoded, as Google's clients send it). */
export async function requestToken(
  emulator: Emulator,
  assertion: string | undefined,
  grantType = JWT_BEARER,
): Promise<ApiResponse> {
  const form = new URLSearchParams({ grant_type: grantType });
  if (assertion !== undefined) form.set('assertion', assertion);
  const res = await fetch(`${emulator.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
}

/** Asserts an OAuth token-endpoint error: `{"error": code, "error_description": ...}` and nothing else. */
export function expectOAuthError(res: ApiResponse, status: number, error: string, description?: RegExp | string): void {
  expect(res.status).toBe(status);
  expect(Object.keys(res.body).sort()).toEqual(['error', 'error_description']);
  expect(res.body.error).toBe(error);
  if (description instanceof RegExp) expect(res.body.error_description).toMatch(description);
  else if (description !== undefined) expect(res.body.error_description).toBe(description);
}

/** Asserts an Admin SDK error body: `{error: {code, message, errors: [{message, domain, reason}], status?}}`. */
export function expectDirectoryError(
  res: ApiResponse<unknown>,
  code: number,
  reason: string,
): { code: number; message: string; status?: string; errors: Record<string, unknown>[] } {
  expect(res.status).toBe(code);
  const error = (
    res.body as { error: { code: number; message: string; status?: string; errors: Record<string, unknown>[] } }
  ).error;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.errors).toHaveLength(1);
  expect(error.errors[0]).toMatchObject({ reason, message: expect.any(String), domain: expect.any(String) });
  return error;
}

/**
 * An emulator seeded with the demo app (a fresh RSA key pair), reset before every test with quotas and faults off:
 * the set-up of the suites that test one API at a time.
 */
export function useAppEmulator(): {
  emulator: () => Emulator;
  keys: { publicKeyPem: string; privateKeyPem: string };
  seed: () => Seed;
} {
  const keys = rsaKeyPair();
  const seed = () => appSeed(keys.publicKeyPem);
  const emulator = useEmulator(seed);
  beforeEach(() => {
    emulator().configure({ quotas: { ...DOCUMENTED_QUOTAS, enabled: false }, faults: { rate: 0 }, timeScale: 1 });
    emulator().reset(seed());
  });
  return { emulator, keys, seed };
}
