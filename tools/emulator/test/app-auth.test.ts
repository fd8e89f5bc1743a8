/**
 * App authentication: the OAuth token endpoint (JWT bearer grant for service accounts) and what the issued tokens may
 * do on the Chat API (`chat.app.memberships` with administrator approval: only spaces the app created).
 */

import { chat } from '@googleapis/chat';
import { Gaxios } from 'gaxios';
import { JWT } from 'google-auth-library';
import type { RequestLogEntry } from '../server';
import {
  APP,
  appSeed,
  call,
  claimsFor,
  expectApiError,
  expectOAuthError,
  get,
  MORE_TOKENS,
  patchRole,
  QUOTAS_OFF,
  requestToken,
  roleInState,
  rsaKeyPair,
  SERVICE_ACCOUNT,
  scope,
  signJwt,
  TOKEN_AUDIENCE,
  TOKENS,
  U,
  useEmulator,
} from './seeds';

const keys = rsaKeyPair();
const stranger = rsaKeyPair();
const emulator = useEmulator(() => appSeed(keys.publicKeyPem), QUOTAS_OFF);
const APP_MEMBERSHIPS = scope('chat.app.memberships');

beforeEach(() => {
  emulator().configure({ timeScale: 1, tokenLifetimeSeconds: 3599, faults: { rate: 0 } });
  emulator().reset(appSeed(keys.publicKeyPem));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A token for the app with `scopes`, from the token endpoint. */
async function appToken(scopes = [APP_MEMBERSHIPS]): Promise<string> {
  const res = await requestToken(emulator(), signJwt(keys.privateKeyPem, claimsFor(scopes)));
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

describe('POST /token (JWT bearer grant)', () => {
  test('a valid JWT gets a Bearer access token that can change a role in a space the app created', async () => {
    const res = await requestToken(emulator(), signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS])));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), expires_in: 3599, token_type: 'Bearer' });
    const token = res.body.access_token as string;
    expect(token).toMatch(/^ya29\./);

    const patch = await patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_ASSISTANT_MANAGER', token);
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ name: 'spaces/AppMade/members/102', role: 'ROLE_ASSISTANT_MANAGER' });
    // App authentication sees members without their profile (no displayName or email).
    expect(patch.body.member).toEqual({ name: U.mia, type: 'HUMAN' });
    expect(roleInState(emulator(), 'spaces/AppMade', '102')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  test("google-auth-library's JWT client (unchanged but for the token URL) gets a token that works", async () => {
    const transporter = new Gaxios({ fetchImplementation: fetch });
    transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === TOKEN_AUDIENCE) options.url = new URL(`${emulator().url}/token`);
        return options;
      },
    });
    const auth = new JWT({ email: SERVICE_ACCOUNT, key: keys.privateKeyPem, scopes: [APP_MEMBERSHIPS], transporter });
    const client = chat({ version: 'v1', rootUrl: `${emulator().url}/`, auth });
    const res = await client.spaces.members.patch({
      name: 'spaces/AppMade/members/105',
      updateMask: 'role',
      requestBody: { role: 'ROLE_MANAGER' },
    });
    expect(res.status).toBe(200);
    expect(roleInState(emulator(), 'spaces/AppMade', '105')).toBe('ROLE_MANAGER');
  });

  test('a JSON body is accepted too', async () => {
    const res = await call(emulator(), 'POST', '/token', {
      body: {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS])),
      },
    });
    expect(res.status).toBe(200);
  });

  test('a JWT signed with another key is invalid_grant "Invalid JWT Signature."', async () => {
    const res = await requestToken(emulator(), signJwt(stranger.privateKeyPem, claimsFor([APP_MEMBERSHIPS])));
    expectOAuthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
  });

  test('claims changed after signing break the signature', async () => {
    const good = signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS]));
    const [header, , signature] = good.split('.');
    const claims = Buffer.from(JSON.stringify(claimsFor([scope('chat.app.spaces')]))).toString('base64url');
    const res = await requestToken(emulator(), `${header}.${claims}.${signature}`);
    expectOAuthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
  });

  test.each([
    ['alg none', { alg: 'none', typ: 'JWT' }],
    ['alg HS256', { alg: 'HS256', typ: 'JWT' }],
  ])('%s is an invalid signature', async (_, header) => {
    const res = await requestToken(emulator(), signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS]), header));
    expectOAuthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
  });

  test('a wrong aud fails the audience check', async () => {
    const jwt = signJwt(
      keys.privateKeyPem,
      claimsFor([APP_MEMBERSHIPS], { aud: 'https://www.googleapis.com/oauth2/v4/token' }),
    );
    expectOAuthError(
      await requestToken(emulator(), jwt),
      400,
      'invalid_grant',
      'Invalid JWT: Failed audience check. The right audience is https://oauth2.googleapis.com/token',
    );
  });
});

describe('POST /token: timing, scope, issuer and grant checks', () => {
  const now = () => Math.floor(Date.now() / 1000);
  test.each([
    ['expired', () => ({ iat: now() - 7200, exp: now() - 3600 })],
    ['valid for more than an hour', () => ({ iat: now(), exp: now() + 3601 })],
    ['issued an hour in the future', () => ({ iat: now() + 3600, exp: now() + 7200 })],
    ['exp before iat', () => ({ iat: now(), exp: now() - 1 })],
    ['without exp', () => ({ exp: undefined })],
    ['with iat as a string', () => ({ iat: String(now()) })],
  ])('a JWT %s is rejected: short-lived token in a reasonable timeframe', async (_, times) => {
    const res = await requestToken(emulator(), signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS], times())));
    expectOAuthError(res, 400, 'invalid_grant', /^Invalid JWT: Token must be a short-lived token \(60 minutes\)/);
  });

  test('a small clock skew is tolerated (iat a minute ahead, exp a minute ago)', async () => {
    const ahead = claimsFor([APP_MEMBERSHIPS], { iat: now() + 60, exp: now() + 3660 });
    expect((await requestToken(emulator(), signJwt(keys.privateKeyPem, ahead))).status).toBe(200);
    const behind = claimsFor([APP_MEMBERSHIPS], { iat: now() - 3660, exp: now() - 60 });
    expect((await requestToken(emulator(), signJwt(keys.privateKeyPem, behind))).status).toBe(200);
  });

  test('a missing or empty scope is invalid_scope', async () => {
    const missing = signJwt(keys.privateKeyPem, claimsFor([], { scope: undefined }));
    expectOAuthError(
      await requestToken(emulator(), missing),
      400,
      'invalid_scope',
      'Empty or missing scope not allowed.',
    );
    const empty = signJwt(keys.privateKeyPem, claimsFor([]));
    expectOAuthError(await requestToken(emulator(), empty), 400, 'invalid_scope');
  });

  test('a scope that is not a Google scope URL is invalid_scope', async () => {
    const jwt = signJwt(keys.privateKeyPem, claimsFor(['chat.app.memberships']));
    expectOAuthError(
      await requestToken(emulator(), jwt),
      400,
      'invalid_scope',
      'Invalid OAuth scope or ID token audience provided.',
    );
  });

  test('an unknown iss is "account not found", even when the signature would check out', async () => {
    const jwt = signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS], { iss: 'nobody@x.iam.gserviceaccount.com' }));
    expectOAuthError(await requestToken(emulator(), jwt), 400, 'invalid_grant', 'Invalid grant: account not found');
  });

  test('sub (domain-wide delegation, not modelled) is unauthorized_client', async () => {
    const jwt = signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS], { sub: 'olivia@example.com' }));
    expectOAuthError(await requestToken(emulator(), jwt), 401, 'unauthorized_client');
  });

  test('a wrong grant_type, a missing assertion and a malformed JWT', async () => {
    const jwt = signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS]));
    expectOAuthError(
      await requestToken(emulator(), jwt, 'client_credentials'),
      400,
      'unsupported_grant_type',
      'Invalid grant_type: client_credentials',
    );
    expectOAuthError(await requestToken(emulator(), undefined), 400, 'invalid_request', /assertion/);
    expectOAuthError(await requestToken(emulator(), 'not-a-jwt'), 400, 'invalid_grant', /^Invalid JWT/);
    expectOAuthError(await requestToken(emulator(), 'e30.bm90IGpzb24.c2ln'), 400, 'invalid_grant', /^Invalid JWT/);
  });

  test('an injected fault on /token answers in the OAuth error shape', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [503], mode: 'before' } });
    const res = await requestToken(emulator(), signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS])));
    expectOAuthError(res, 503, 'temporarily_unavailable');
  });
});

describe('app principals on the Chat API', () => {
  test('403 in a space the app did not create, even one it is a member of; the role does not change', async () => {
    const token = await appToken();
    const launch = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', token);
    expectApiError(launch, 403, 'PERMISSION_DENIED', /only manage spaces it created/);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    const finance = await patchRole(emulator(), 'spaces/Finance/members/105', 'ROLE_ASSISTANT_MANAGER', token);
    expectApiError(finance, 403, 'PERMISSION_DENIED');
    expectApiError(await get(emulator(), '/v1/spaces/Launch/members', token), 403, 'PERMISSION_DENIED');
    expectApiError(await get(emulator(), '/v1/spaces/Nowhere/members', token), 404, 'NOT_FOUND');
  });

  test('403 in a space the app created but has since left', async () => {
    const token = await appToken();
    const res = await patchRole(emulator(), 'spaces/AppLeft/members/102', 'ROLE_ASSISTANT_MANAGER', token);
    expectApiError(res, 403, 'PERMISSION_DENIED', /no longer a member/);
  });

  test('list, get and members/app in a space the app created; app memberships are left out of the list', async () => {
    const token = await appToken();
    const list = await get(emulator(), '/v1/spaces/AppMade/members', token);
    expect(list.status).toBe(200);
    const names = (list.body.memberships as { member: { name: string } }[]).map((m) => m.member.name);
    expect(names).toEqual([U.olivia, U.mia, U.pat]);
    const own = await get(emulator(), '/v1/spaces/AppMade/members/app', token);
    expect(own.body).toMatchObject({ name: 'spaces/AppMade/members/900100', member: { name: APP, type: 'BOT' } });
    const byEmail = await get(emulator(), '/v1/spaces/AppMade/members/olivia@example.com', token);
    expect(byEmail.body).toMatchObject({ role: 'ROLE_MANAGER', member: { name: U.olivia } });
  });
});

describe('app principals on the Chat API: scopes, approval and token lifetime', () => {
  test('the app is not a manager, but its approved scope lets it make an Owner; the space rules still apply', async () => {
    const token = await appToken();
    expect((await patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_MANAGER', token)).status).toBe(200);
    // Demoting both Owners: the second one is the last.
    expect((await patchRole(emulator(), 'spaces/AppMade/members/100', 'ROLE_MEMBER', token)).status).toBe(200);
    expectApiError(
      await patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_MEMBER', token),
      400,
      'FAILED_PRECONDITION',
    );
    expectApiError(
      await patchRole(emulator(), 'spaces/AppMade/members/app', 'ROLE_MANAGER', token),
      400,
      'INVALID_ARGUMENT',
    );
  });

  test('an app cannot use useAdminAccess', async () => {
    const token = await appToken();
    const res = await patchRole(
      emulator(),
      'spaces/AppMade/members/102',
      'ROLE_MANAGER',
      token,
      '&useAdminAccess=true',
    );
    expectApiError(res, 403, 'PERMISSION_DENIED', /useAdminAccess/);
  });

  test('without administrator approval chat.app.* scopes are refused with 403', async () => {
    emulator().reset(appSeed(keys.publicKeyPem, { adminApproved: false }));
    const token = await appToken();
    const res = await patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_MANAGER', token);
    expectApiError(res, 403, 'PERMISSION_DENIED', /not been approved by a Google Workspace administrator/);
  });

  test('chat.bot reads spaces the app is a member of but cannot change roles', async () => {
    const token = await appToken([scope('chat.bot')]);
    const list = await get(emulator(), '/v1/spaces/Launch/members', token);
    expect(list.status).toBe(200);
    expectApiError(await get(emulator(), '/v1/spaces/Finance/members', token), 404, 'NOT_FOUND');
    const spaces = await get(emulator(), '/v1/spaces', token);
    expect((spaces.body.spaces as { name: string }[]).map((s) => s.name)).toEqual(['spaces/Launch', 'spaces/AppMade']);
    const patch = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_MANAGER', token);
    expect(expectApiError(patch, 403, 'PERMISSION_DENIED').details?.[0]?.reason).toBe(
      'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    );
  });

  test('spaces.get with chat.app.spaces: spaces the app created only; spaces.search has no app scope', async () => {
    const token = await appToken([scope('chat.app.spaces')]);
    const made = await get(emulator(), '/v1/spaces/AppMade', token);
    expect(made.body).toMatchObject({ name: 'spaces/AppMade', displayName: 'Release bots' });
    expectApiError(await get(emulator(), '/v1/spaces/Launch', token), 403, 'PERMISSION_DENIED');
    const query = encodeURIComponent('customer = "customers/my_customer" AND space_type = "SPACE"');
    const search = await get(emulator(), `/v1/spaces:search?query=${query}`, token);
    expect(expectApiError(search, 403, 'PERMISSION_DENIED').details?.[0]?.reason).toBe(
      'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    );
  });

  test('a token without any Chat app scope is 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
    const token = await appToken([scope('directory.readonly')]);
    const res = await get(emulator(), '/v1/spaces/AppMade/members', token);
    expect(expectApiError(res, 403, 'PERMISSION_DENIED').details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });
});

describe("app principals on the Chat API: issued tokens and the users' own rules", () => {
  test('an issued token expires: then the Chat API answers 401', async () => {
    emulator().configure({ tokenLifetimeSeconds: 1 }); // at time scale 1: a second of real time to use it
    const token = await appToken();
    expect((await get(emulator(), '/v1/spaces/AppMade/members', token)).status).toBe(200);
    emulator().configure({ timeScale: 1000 }); // now a real millisecond is an emulated second
    await sleep(5);
    const res = await get(emulator(), '/v1/spaces/AppMade/members', token);
    expectApiError(res, 401, 'UNAUTHENTICATED', /invalid authentication credentials/);
  });

  test('a reset forgets issued tokens', async () => {
    const token = await appToken();
    emulator().reset(appSeed(keys.publicKeyPem));
    expectApiError(await get(emulator(), '/v1/spaces/AppMade/members', token), 401, 'UNAUTHENTICATED');
  });

  test('a seeded token whose user is the app is an app principal that never expires', async () => {
    const res = await patchRole(
      emulator(),
      'spaces/AppMade/members/105',
      'ROLE_ASSISTANT_MANAGER',
      MORE_TOKENS.seededApp,
    );
    expect(res.status).toBe(200);
    expect(emulator().state().principal(MORE_TOKENS.seededApp)?.kind).toBe('app');
    expectApiError(
      await patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_ASSISTANT_MANAGER', MORE_TOKENS.seededApp),
      403,
      'PERMISSION_DENIED',
    );
  });

  test('users keep their own rules in an app-created space (Olivia is its Owner, Mia a Member)', async () => {
    expect((await patchRole(emulator(), 'spaces/AppMade/members/105', 'ROLE_MANAGER', TOKENS.owner)).status).toBe(200);
    expectApiError(
      await patchRole(emulator(), 'spaces/AppMade/members/105', 'ROLE_MEMBER', TOKENS.member),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('the request log', () => {
  test('names the app as principal and never holds the assertion, the access token or a private key', async () => {
    emulator().clearRequests();
    const assertion = signJwt(keys.privateKeyPem, claimsFor([APP_MEMBERSHIPS]));
    const issued = await requestToken(emulator(), assertion);
    const token = issued.body.access_token as string;
    await patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_ASSISTANT_MANAGER', token);
    await get(emulator(), `/v1/spaces/AppMade/members?access_token=${encodeURIComponent(token)}`);
    await requestToken(emulator(), signJwt(stranger.privateKeyPem, claimsFor([APP_MEMBERSHIPS])));

    const res = await call(emulator(), 'GET', '/_emulator/requests');
    const log = res.body.requests as RequestLogEntry[];
    expect(log.map((e) => [e.method, e.path, e.status, e.principal])).toEqual([
      ['POST', '/token', 200, APP],
      ['PATCH', '/v1/spaces/AppMade/members/102', 200, APP],
      ['GET', '/v1/spaces/AppMade/members', 200, APP],
      ['POST', '/token', 400, null],
    ]);
    expect(log[0]?.body).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: '[redacted]',
    });
    const text = JSON.stringify(res.body);
    for (const secret of [assertion, token, assertion.split('.')[2] as string, 'PRIVATE KEY']) {
      expect(text).not.toContain(secret);
    }
    // The state export has the public key only, and no issued token.
    const state = JSON.stringify((await call(emulator(), 'GET', '/_emulator/state')).body);
    expect(state).toContain('BEGIN PUBLIC KEY');
    expect(state).not.toContain('PRIVATE KEY');
    expect(state).not.toContain(token);
  });
});
