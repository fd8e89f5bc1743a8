import { ConfigError } from '../config';
import { SeedError } from '../seed';
import type { RequestLogEntry } from '../server';
import { call, get, patchRole, QUOTAS_OFF, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);

beforeEach(() => emulator().reset(smallSeed()));

const control = (method: string, path: string, body?: unknown, rawBody?: string) =>
  call(emulator(), method, `/_emulator/${path}`, rawBody !== undefined ? { rawBody } : { body });

describe('POST /_emulator/reset', () => {
  test('a bad seed is 400 with a message naming the bad field, and the state stays as it was', async () => {
    const seed = smallSeed();
    const launch = seed.spaces[0];
    if (!launch?.memberships[2]) throw new Error('seed shape changed');
    launch.memberships[2].member = 'users/404';
    const res = await control('POST', 'reset', seed);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.stringContaining('spaces[0].memberships[2].member'));
    expect(res.body.error).toEqual(expect.stringContaining('users/404'));
    expect((await get(emulator(), '/v1/spaces/Launch', TOKENS.owner)).status).toBe(200);
  });

  test('a body that is not JSON is 400', async () => {
    const res = await control('POST', 'reset', undefined, '{nope');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON/);
  });

  test('a good seed replaces the state and clears the request log', async () => {
    await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    const res = await control('POST', 'reset', smallSeed());
    expect(res.status).toBe(200);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    expect(emulator().requests()).toEqual([]);
  });
});

describe('GET /_emulator/state', () => {
  test('round-trips: resetting with the returned state gives the same state', async () => {
    await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    const before = await control('GET', 'state');
    expect(before.status).toBe(200);
    expect((await control('POST', 'reset', before.body)).status).toBe(200);
    const after = await control('GET', 'state');
    expect(after.body).toEqual(before.body);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    // The state carries what the seed said, including invitations, groups and bots.
    const text = JSON.stringify(after.body);
    for (const fragment of ['"INVITED"', 'groups/eng', '"BOT"', 'other-project']) expect(text).toContain(fragment);
  });
});

describe('GET /_emulator/requests', () => {
  test('logs method, path, query, body, principal and status, never the token', async () => {
    await control('DELETE', 'requests');
    await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    await get(emulator(), `/v1/spaces?access_token=${TOKENS.manager}`);
    await get(emulator(), '/v1/spaces', 'tok-unknown-secret-55');
    await get(emulator(), '/v1/spaces/Finance', TOKENS.member);

    const res = await control('GET', 'requests');
    expect(res.status).toBe(200);
    const log = res.body.requests as RequestLogEntry[];
    expect(log).toHaveLength(4);
    expect(log[0]).toMatchObject({
      method: 'PATCH',
      path: '/v1/spaces/Launch/members/102',
      query: { updateMask: 'role' },
      body: { role: 'ROLE_ASSISTANT_MANAGER' },
      principal: 'users/100',
      status: 200,
    });
    expect(log[1]).toMatchObject({ method: 'GET', path: '/v1/spaces', query: {}, principal: 'users/101', status: 200 });
    expect(log[2]).toMatchObject({ principal: null, status: 401, body: null });
    expect(log[3]).toMatchObject({ principal: 'users/102', status: 404 });
    expect(log.map((e) => e.seq)).toEqual([...log.map((e) => e.seq)].sort((a, b) => a - b));

    const text = JSON.stringify(res.body);
    for (const token of [TOKENS.owner, TOKENS.manager, TOKENS.member, 'tok-unknown-secret-55']) {
      expect(text).not.toContain(token);
    }
  });

  test('?since= returns only newer entries and DELETE clears the log', async () => {
    await get(emulator(), '/v1/spaces', TOKENS.owner);
    const all = (await control('GET', 'requests')).body.requests as RequestLogEntry[];
    const last = all.at(-1)?.seq ?? 0;
    await get(emulator(), '/v1/spaces/Launch', TOKENS.owner);
    const newer = (await control('GET', `requests?since=${last}`)).body.requests as RequestLogEntry[];
    expect(newer.map((e) => e.path)).toEqual(['/v1/spaces/Launch']);
    expect((await control('DELETE', 'requests')).status).toBe(200);
    expect((await control('GET', 'requests')).body.requests).toEqual([]);
    expect(emulator().requests()).toEqual([]);
  });

  test('control calls are not logged as API requests', async () => {
    emulator().clearRequests();
    await control('GET', 'state');
    await control('GET', 'config');
    expect(emulator().requests()).toEqual([]);
  });
});

describe('/_emulator/config', () => {
  test.each([
    [{ nope: 1 }, /nope/],
    [{ latencyMs: -5 }, /latencyMs/],
    [{ latencyMs: 5, faults: { rate: 7 } }, /faults\.rate/],
    [{ faults: { statuses: [418] } }, /faults\.statuses/],
    [{ faults: { mode: 'sometimes' } }, /faults\.mode/],
    [{ quotas: { perSpaceWritesPerSecond: 'fast' } }, /quotas\.perSpaceWritesPerSecond/],
    [{ quotas: { enabled: 'yes' } }, /quotas\.enabled/],
    [{ quotas: { perMonth: 1 } }, /perMonth/],
    [{ timeScale: 0 }, /timeScale/],
    [[1, 2], /object/],
  ])('POST %j is 400 naming the field, and the config does not change', async (body, pattern) => {
    const before = await control('GET', 'config');
    const res = await control('POST', 'config', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(pattern);
    expect((await control('GET', 'config')).body).toEqual(before.body);
  });

  test('a good POST merges into the config', async () => {
    const res = await control('POST', 'config', { latencyMs: 1, quotas: { perSpaceReadsPerSecond: 20 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ latencyMs: 1, quotas: { enabled: false, perSpaceReadsPerSecond: 20 } });
    expect(emulator().config.latencyMs).toBe(1);
    emulator().configure({ latencyMs: 0 });
  });

  test('an unknown control endpoint is 404', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
  });
});

describe('programmatic control', () => {
  test('reset() and configure() throw typed errors and change nothing', () => {
    const before = emulator().state();
    expect(() => emulator().reset({ principals: [], users: [] })).toThrow(SeedError);
    expect(emulator().state()).toBe(before);
    const config = emulator().config;
    expect(() => emulator().configure({ latencyMs: 'slow' })).toThrow(ConfigError);
    expect(emulator().config).toBe(config);
  });
});

describe('hostile responses (config.responses)', () => {
  it('cuts answers in half, or adds undocumented fields, and refuses a bad setting', async () => {
    const { startEmulator } = await import('../server');
    const { demoSeed } = await import('../demo-seed');
    const emulator = await startEmulator({ port: 0, seed: demoSeed() });
    try {
      const get = () =>
        fetch(`${emulator.url}/v1/spaces/AAAALaunch`, { headers: { authorization: 'Bearer tok-alice' } });
      emulator.configure({ responses: { extraFields: true } });
      expect(await (await get()).json()).toMatchObject({
        name: 'spaces/AAAALaunch',
        undocumentedField: { nested: [1, 'two'] },
      });
      emulator.configure({ responses: { extraFields: false, malformed: true } });
      await expect((await get()).clone().json()).rejects.toThrow();
      expect(() => emulator.configure({ responses: { malformed: 'yes' } })).toThrow(
        /responses.malformed must be a boolean/,
      );
    } finally {
      await emulator.stop();
    }
  });
});
