import { call, expectApiError, get, QUOTAS_OFF, roleInState, smallSeed, TOKENS, U, useEmulator } from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);
const INT = '$alt=json%3Benum-encoding=int';

beforeEach(() => emulator().reset(smallSeed()));

interface Member {
  name: string;
  state: unknown;
  role?: unknown;
  member?: { name: string; type: unknown };
}

describe('enum-encoding=int', () => {
  test('memberships come back with numeric enums', async () => {
    const res = await get(emulator(), `/v1/spaces/Launch/members?${INT}`, TOKENS.owner);
    expect(res.status).toBe(200);
    const byUser = new Map((res.body.memberships as Member[]).map((m) => [m.member?.name, m]));
    expect(byUser.get(U.olivia)).toMatchObject({ role: 2, state: 1, member: { type: 1 } });
    expect(byUser.get(U.mark)).toMatchObject({ role: 4, state: 1 });
    expect(byUser.get(U.mia)).toMatchObject({ role: 1, state: 1, member: { type: 1 } });
    expect(byUser.get(U.bot)).toMatchObject({ member: { type: 2 } });
  });

  test('the semicolon may be sent unencoded and as alt instead of $alt', async () => {
    for (const query of ['$alt=json;enum-encoding=int', 'alt=json;enum-encoding=int']) {
      const res = await get(emulator(), `/v1/spaces/Launch/members/100?${query}`, TOKENS.owner);
      expect(res.body).toMatchObject({ role: 2, state: 1 });
    }
  });

  test('invited memberships are state 2', async () => {
    const res = await get(emulator(), `/v1/spaces/Launch/members/104?${INT}`, TOKENS.owner);
    expect(res.body).toMatchObject({ state: 2, role: 1 });
  });

  test('spaces come back with numeric enums', async () => {
    const space = await get(emulator(), `/v1/spaces/Launch?${INT}`, TOKENS.owner);
    expect(space.body).toMatchObject({ name: 'spaces/Launch', spaceType: 1 });
    const dm = await get(emulator(), `/v1/spaces/Dm?${INT}`, TOKENS.owner);
    expect(dm.body).toMatchObject({ spaceType: 3 });
    const list = await get(emulator(), `/v1/spaces?${INT}`, TOKENS.owner);
    const types = (list.body.spaces as { spaceType: unknown }[]).map((s) => s.spaceType);
    expect(types.every((t) => typeof t === 'number')).toBe(true);
    expect(new Set(types)).toEqual(new Set([1, 2, 3]));
  });

  test('without enum-encoding=int enums are names', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members/100', TOKENS.owner);
    expect(res.body).toMatchObject({ role: 'ROLE_MANAGER', state: 'JOINED', member: { type: 'HUMAN' } });
    const space = await get(emulator(), '/v1/spaces/Launch', TOKENS.owner);
    expect(space.body.spaceType).toBe('SPACE');
  });

  test.each([
    [2, 'ROLE_MANAGER'],
    [4, 'ROLE_ASSISTANT_MANAGER'],
    [1, 'ROLE_MEMBER'],
  ])('numeric role %p is accepted as %s', async (number, name) => {
    const res = await call(emulator(), 'PATCH', `/v1/spaces/Launch/members/105?updateMask=role&${INT}`, {
      token: TOKENS.owner,
      body: { role: number },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe(number);
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe(name);
  });

  test('numeric role 0 and unknown numbers are 400', async () => {
    for (const role of [0, 3, 5, -1]) {
      const res = await call(emulator(), 'PATCH', `/v1/spaces/Launch/members/105?updateMask=role&${INT}`, {
        token: TOKENS.owner,
        body: { role },
      });
      expectApiError(res, 400, 'INVALID_ARGUMENT');
    }
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MEMBER');
  });
});
