import { request } from 'node:http';
import {
  type ApiResponse,
  call,
  expectApiError,
  get,
  patchRole,
  QUOTAS_OFF,
  roleInState,
  smallSeed,
  TOKENS,
  U,
  useEmulator,
} from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);

beforeEach(() => emulator().reset(smallSeed()));

/** Sends a request with the path exactly as given (fetch would resolve `..` before sending). */
function rawRequest(method: string, path: string, token: string, body?: string): Promise<ApiResponse<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: emulator().port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            headers: new Headers(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('who may change roles', () => {
  test('a caller who is not in the space gets 404: the space is invisible', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.outsider);
    expectApiError(res, 404, 'NOT_FOUND');
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('a plain Member gets 403', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.member);
    expectApiError(res, 403, 'PERMISSION_DENIED');
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MEMBER');
  });

  test('a Manager cannot make anyone Owner', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_MANAGER', TOKENS.manager);
    expectApiError(res, 403, 'PERMISSION_DENIED', /owner/i);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test("a Manager cannot change an Owner's role", async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/100', 'ROLE_MEMBER', TOKENS.manager);
    expectApiError(res, 403, 'PERMISSION_DENIED', /owner/i);
    expect(roleInState(emulator(), 'spaces/Launch', '100')).toBe('ROLE_MANAGER');
  });

  test('a Manager can make someone Manager', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.manager);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'spaces/Launch/members/102', role: 'ROLE_ASSISTANT_MANAGER' });
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  test('an Owner can make someone Owner', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_MANAGER', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'ROLE_MANAGER', member: { name: U.pat } });
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MANAGER');
  });

  test('an administrator with useAdminAccess can change roles in a space it is not in', async () => {
    const path = 'spaces/Launch/members/102';
    expectApiError(await patchRole(emulator(), path, 'ROLE_ASSISTANT_MANAGER', TOKENS.admin), 404, 'NOT_FOUND');
    const res = await patchRole(emulator(), path, 'ROLE_ASSISTANT_MANAGER', TOKENS.admin, '&useAdminAccess=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'ROLE_ASSISTANT_MANAGER', member: { name: U.mia } });
    expect(res.body.member).not.toHaveProperty('email');
  });
});

describe('what can be changed', () => {
  test.each([
    ['spaces/Group/members/102', 'ROLE_ASSISTANT_MANAGER'],
    ['spaces/Group/members/102', 'ROLE_MANAGER'],
    ['spaces/Dm/members/102', 'ROLE_MANAGER'],
  ])('%s cannot become %s: Manager and Owner exist only in a SPACE', async (path, role) => {
    const res = await patchRole(emulator(), path, role, TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT', /SPACE/);
  });

  test('a Google Group membership has no role to change', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/eng', 'ROLE_MEMBER', TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT', /Group/);
  });

  test("a Chat app's (BOT) role cannot be changed", async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/900', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT');
    expect(roleInState(emulator(), 'spaces/Launch', '900')).toBe('ROLE_MEMBER');
  });

  test('the last Owner cannot be demoted until a second Owner exists', async () => {
    const olivia = 'spaces/Design/members/100';
    const blocked = await patchRole(emulator(), olivia, 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expectApiError(blocked, 400, 'FAILED_PRECONDITION', /owner/i);
    expect(roleInState(emulator(), 'spaces/Design', '100')).toBe('ROLE_MANAGER');

    expect((await patchRole(emulator(), 'spaces/Design/members/105', 'ROLE_MANAGER', TOKENS.owner)).status).toBe(200);
    const allowed = await patchRole(emulator(), olivia, 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expect(allowed.status).toBe(200);
    expect(roleInState(emulator(), 'spaces/Design', '100')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(roleInState(emulator(), 'spaces/Design', '105')).toBe('ROLE_MANAGER');
  });

  test('an INVITED membership can be patched', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/104', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'INVITED', role: 'ROLE_ASSISTANT_MANAGER' });
  });

  test('an invited Owner can be demoted while the only joined Owner stays', async () => {
    const ivan = 'spaces/Launch/members/104';
    expect((await patchRole(emulator(), ivan, 'ROLE_MANAGER', TOKENS.owner)).status).toBe(200);
    const res = await patchRole(emulator(), ivan, 'ROLE_MEMBER', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(roleInState(emulator(), 'spaces/Launch', '104')).toBe('ROLE_MEMBER');
  });

  test('members/app is not a membership a user can address: 404', async () => {
    expectApiError(await get(emulator(), '/v1/spaces/Launch/members/app', TOKENS.owner), 404, 'NOT_FOUND');
  });

  test('an unknown member is 404', async () => {
    expectApiError(
      await patchRole(emulator(), 'spaces/Launch/members/103', 'ROLE_MEMBER', TOKENS.owner),
      404,
      'NOT_FOUND',
    );
  });
});

describe('request validation', () => {
  const path = '/v1/spaces/Launch/members/102';

  test('updateMask is required', async () => {
    const res = await call(emulator(), 'PATCH', path, {
      token: TOKENS.owner,
      body: { role: 'ROLE_ASSISTANT_MANAGER' },
    });
    expectApiError(res, 400, 'INVALID_ARGUMENT', /update_mask/);
  });

  test('updateMask=displayName is rejected', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=displayName`, {
      token: TOKENS.owner,
      body: { role: 'ROLE_ASSISTANT_MANAGER' },
    });
    expectApiError(res, 400, 'INVALID_ARGUMENT', /displayName/);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('updateMask=* is accepted', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=*`, {
      token: TOKENS.owner,
      body: { role: 'ROLE_ASSISTANT_MANAGER' },
    });
    expect(res.status).toBe(200);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  test.each([['OWNER'], ['role_manager'], [3], [99], [true], [null]])(
    'role %p is 400 INVALID_ARGUMENT',
    async (role) => {
      const res = await patchRole(emulator(), 'spaces/Launch/members/102', role, TOKENS.owner);
      expectApiError(res, 400, 'INVALID_ARGUMENT');
      expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    },
  );
});

describe('request validation: the body and the query', () => {
  const path = '/v1/spaces/Launch/members/102';

  test('a missing or unspecified role is 400', async () => {
    const empty = await call(emulator(), 'PATCH', `${path}?updateMask=role`, { token: TOKENS.owner, body: {} });
    expectApiError(empty, 400, 'INVALID_ARGUMENT', /role/);
    const unspecified = await patchRole(
      emulator(),
      'spaces/Launch/members/102',
      'MEMBERSHIP_ROLE_UNSPECIFIED',
      TOKENS.owner,
    );
    expectApiError(unspecified, 400, 'INVALID_ARGUMENT');
  });

  test('numeric roles are accepted (ROLE_ASSISTANT_MANAGER = 4)', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 4, TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('ROLE_ASSISTANT_MANAGER');
  });

  test('invalid JSON is 400', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=role`, {
      token: TOKENS.owner,
      rawBody: '{"role": "ROLE_MANAGER"',
    });
    expectApiError(res, 400, 'INVALID_ARGUMENT', /JSON/);
  });

  test('a body that is not an object is 400', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=role`, { token: TOKENS.owner, rawBody: '["x"]' });
    expectApiError(res, 400, 'INVALID_ARGUMENT');
  });

  test('a body over 1 MiB is 400 with an AIP-193 body, and the connection answers', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=role`, {
      token: TOKENS.owner,
      body: { role: 'ROLE_ASSISTANT_MANAGER', padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    expectApiError(res, 400, 'INVALID_ARGUMENT', /payload size/);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('an unknown body field is 400', async () => {
    const res = await call(emulator(), 'PATCH', `${path}?updateMask=role`, {
      token: TOKENS.owner,
      body: { role: 'ROLE_ASSISTANT_MANAGER', nickname: 'boss' },
    });
    expectApiError(res, 400, 'INVALID_ARGUMENT', /nickname/);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('an unknown query parameter is 400', async () => {
    const res = await patchRole(
      emulator(),
      'spaces/Launch/members/102',
      'ROLE_ASSISTANT_MANAGER',
      TOKENS.owner,
      '&x=1',
    );
    expectApiError(res, 400, 'INVALID_ARGUMENT', /"x"/);
  });

  test.each([
    ['..', '/v1/spaces/Launch/members/..'],
    ['encoded ..', '/v1/spaces/Launch/members/%2E%2E'],
    ['.', '/v1/spaces/Launch/members/.'],
    ['encoded slash', '/v1/spaces/Launch/members/102%2F..%2F100'],
    ['encoded slash in the space', '/v1/spaces/Launch%2Fmembers/members/102'],
    ['bad escape', '/v1/spaces/Launch/members/%E0%A4%A'],
  ])('a tampered id (%s) is 400', async (_label, target) => {
    const got = await rawRequest('GET', target, TOKENS.owner);
    expectApiError(got, 400, 'INVALID_ARGUMENT', /resource name/);
    const patched = await rawRequest('PATCH', `${target}?updateMask=role`, TOKENS.owner, '{"role":"ROLE_MEMBER"}');
    expectApiError(patched, 400, 'INVALID_ARGUMENT');
    expect(roleInState(emulator(), 'spaces/Launch', '100')).toBe('ROLE_MANAGER');
  });
});

describe('email aliases and state', () => {
  test('GET by email alias returns the canonical users/{id} names', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members/mia@example.com', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'spaces/Launch/members/102',
      member: { name: 'users/102', email: 'mia@example.com', displayName: 'Mia Member', type: 'HUMAN' },
    });
    const upper = await get(emulator(), '/v1/spaces/Launch/members/MIA@Example.com', TOKENS.owner);
    expect(upper.body.name).toBe('spaces/Launch/members/102');
  });

  test('an email alias also works for PATCH', async () => {
    const res = await patchRole(
      emulator(),
      'spaces/Launch/members/pat@example.com',
      'ROLE_ASSISTANT_MANAGER',
      TOKENS.owner,
    );
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('spaces/Launch/members/105');
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  test('an email of someone outside the space is 404', async () => {
    expectApiError(
      await get(emulator(), '/v1/spaces/Launch/members/oscar@example.com', TOKENS.owner),
      404,
      'NOT_FOUND',
    );
  });

  test('a successful PATCH is visible through GET and /_emulator/state', async () => {
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expect(res.status).toBe(200);
    const after = await get(emulator(), '/v1/spaces/Launch/members/102', TOKENS.manager);
    expect(after.body.role).toBe('ROLE_ASSISTANT_MANAGER');

    const state = await call<{ spaces: { name: string; memberships: { member?: string; role?: string }[] }[] }>(
      emulator(),
      'GET',
      '/_emulator/state',
    );
    const launch = state.body.spaces.find((s) => s.name === 'spaces/Launch');
    expect(launch?.memberships.find((m) => m.member === U.mia)?.role).toBe('ROLE_ASSISTANT_MANAGER');
    // Nothing else changed.
    expect(launch?.memberships.find((m) => m.member === U.pat)?.role).toBe('ROLE_MEMBER');
  });
});
