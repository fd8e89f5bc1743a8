import { call, expectApiError, get, patchRole, QUOTAS_OFF, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);
const LAUNCH_MEMBERS = '/v1/spaces/Launch/members';
const ADMIN_FILTER = `filter=${encodeURIComponent('member.type = "HUMAN"')}`;

beforeEach(() => emulator().reset(smallSeed()));

describe('authentication', () => {
  test('a request without a token is 401 UNAUTHENTICATED', async () => {
    const res = await get(emulator(), '/v1/spaces');
    expectApiError(res, 401, 'UNAUTHENTICATED', /missing required authentication credential/);
  });

  test('an unknown token is 401 UNAUTHENTICATED', async () => {
    const res = await get(emulator(), '/v1/spaces', 'tok-nobody-knows-me');
    expectApiError(res, 401, 'UNAUTHENTICATED', /invalid authentication credentials/);
  });

  test('a malformed Authorization header counts as no token', async () => {
    const res = await fetch(`${emulator().url}/v1/spaces`, { headers: { authorization: `Basic ${TOKENS.owner}` } });
    expect(res.status).toBe(401);
  });

  test('the access_token query parameter is accepted like a bearer token', async () => {
    const res = await get(emulator(), `/v1/spaces?access_token=${TOKENS.owner}`);
    expect(res.status).toBe(200);
  });
});

describe('scopes', () => {
  test('a token without a Chat scope is 403 with ErrorInfo ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
    const res = await get(emulator(), LAUNCH_MEMBERS, TOKENS.noScopes);
    const error = expectApiError(res, 403, 'PERMISSION_DENIED', /insufficient authentication scopes/);
    expect(error.details?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
    });
  });

  test('readonly scopes can list members but cannot PATCH a role', async () => {
    const list = await get(emulator(), LAUNCH_MEMBERS, TOKENS.readonly);
    expect(list.status).toBe(200);
    expect((list.body.memberships as unknown[]).length).toBeGreaterThan(0);

    const patch = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.readonly);
    const error = expectApiError(patch, 403, 'PERMISSION_DENIED');
    expect(error.details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('useAdminAccess=true by a user who is not an administrator is 403 (even with admin scopes)', async () => {
    const res = await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=true&${ADMIN_FILTER}`, TOKENS.fakeAdmin);
    const error = expectApiError(res, 403, 'PERMISSION_DENIED', /administrator/);
    expect(error.details ?? []).toEqual([]);
  });

  test('an administrator with only user scopes and useAdminAccess is 403 scope insufficient', async () => {
    const res = await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=true&${ADMIN_FILTER}`, TOKENS.adminUserScopes);
    const error = expectApiError(res, 403, 'PERMISSION_DENIED');
    expect(error.details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    // The same principal without admin access uses its user scopes, and it is not in the space.
    expectApiError(await get(emulator(), LAUNCH_MEMBERS, TOKENS.adminUserScopes), 404, 'NOT_FOUND');
  });

  test('admin member listing requires a member.type filter', async () => {
    const bare = await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=true`, TOKENS.admin);
    expectApiError(bare, 400, 'INVALID_ARGUMENT', /member\.type/);
    const roleOnly = await get(
      emulator(),
      `${LAUNCH_MEMBERS}?useAdminAccess=true&filter=${encodeURIComponent('role = "ROLE_MANAGER"')}`,
      TOKENS.admin,
    );
    expectApiError(roleOnly, 400, 'INVALID_ARGUMENT');
    const ok = await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=true&${ADMIN_FILTER}`, TOKENS.admin);
    expect(ok.status).toBe(200);
    const notBot = await get(
      emulator(),
      `${LAUNCH_MEMBERS}?useAdminAccess=true&filter=${encodeURIComponent('member.type != "BOT"')}`,
      TOKENS.admin,
    );
    expect(notBot.status).toBe(200);
  });
});

describe('check order: 401 → 403 scope → 400 → 404 → 403 permission', () => {
  const badRequest = '/v1/spaces/Nowhere/members?bogus=1';

  test('credentials are checked before anything about the request', async () => {
    expectApiError(await get(emulator(), badRequest), 401, 'UNAUTHENTICATED');
  });

  test('scopes are checked before request syntax', async () => {
    expectApiError(await get(emulator(), badRequest, TOKENS.noScopes), 403, 'PERMISSION_DENIED');
  });

  test('request syntax is checked before the resource lookup', async () => {
    expectApiError(await get(emulator(), badRequest, TOKENS.owner), 400, 'INVALID_ARGUMENT', /bogus/);
    expectApiError(await get(emulator(), '/v1/spaces/Nowhere/members', TOKENS.owner), 404, 'NOT_FOUND');
  });

  test('an invisible space is 404 before the role permission is considered', async () => {
    const res = await patchRole(emulator(), 'spaces/Finance/members/105', 'ROLE_MANAGER', TOKENS.member);
    expectApiError(res, 404, 'NOT_FOUND');
  });

  test('a malformed useAdminAccess is 400 after the scope check', async () => {
    expectApiError(
      await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=maybe`, TOKENS.owner),
      400,
      'INVALID_ARGUMENT',
      /use_admin_access/,
    );
    expectApiError(await get(emulator(), `${LAUNCH_MEMBERS}?useAdminAccess=maybe`), 401, 'UNAUTHENTICATED');
  });

  test('an unknown URL is 404 and a known URL with the wrong method is 404', async () => {
    expectApiError(await get(emulator(), '/v1/nothing-here', TOKENS.owner), 404, 'NOT_FOUND');
    const del = await call(emulator(), 'DELETE', '/v1/spaces/Launch/members/102', { token: TOKENS.owner });
    expectApiError(del, 404, 'NOT_FOUND', /DELETE/);
  });
});
