import { expectApiError, get, QUOTAS_OFF, smallSeed, TOKENS, U, USER_SCOPES, useEmulator } from './seeds';

const IVAN_TOKEN = 'tok-ivan-invited-9e9e';
const seed = () => {
  const s = smallSeed();
  s.principals.push({ token: IVAN_TOKEN, user: U.ivan, scopes: USER_SCOPES });
  return s;
};
const emulator = useEmulator(seed, QUOTAS_OFF);

interface Member {
  name: string;
  state: string;
  role?: string;
  member?: { name: string; type: string; displayName?: string; email?: string };
  groupMember?: { name: string };
}
const names = (body: Record<string, unknown>, key: string) =>
  ((body[key] as { name: string }[] | undefined) ?? []).map((x) => x.name);
const members = (body: Record<string, unknown>) => (body.memberships as Member[] | undefined) ?? [];
const HUMAN = `filter=${encodeURIComponent('member.type = "HUMAN"')}`;

describe('spaces', () => {
  test("spaces.list returns exactly the caller's joined spaces", async () => {
    const olivia = await get(emulator(), '/v1/spaces', TOKENS.owner);
    expect(olivia.status).toBe(200);
    expect(names(olivia.body, 'spaces').sort()).toEqual(
      ['spaces/Design', 'spaces/Dm', 'spaces/Group', 'spaces/Launch', 'spaces/Support'].sort(),
    );
    const mark = await get(emulator(), '/v1/spaces', TOKENS.manager);
    expect(names(mark.body, 'spaces').sort()).toEqual(
      ['spaces/Finance', 'spaces/Group', 'spaces/Launch', 'spaces/Support'].sort(),
    );
  });

  test('an invited (not joined) user sees no space', async () => {
    const res = await get(emulator(), '/v1/spaces', IVAN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expectApiError(await get(emulator(), '/v1/spaces/Launch', IVAN_TOKEN), 404, 'NOT_FOUND');
    expectApiError(await get(emulator(), '/v1/spaces/Launch/members', IVAN_TOKEN), 404, 'NOT_FOUND');
  });

  test('spaces.get of a space the caller is not in is 404, the same as a space that does not exist', async () => {
    const hidden = await get(emulator(), '/v1/spaces/Finance', TOKENS.owner);
    const missing = await get(emulator(), '/v1/spaces/DoesNotExist', TOKENS.owner);
    expectApiError(hidden, 404, 'NOT_FOUND');
    expect(hidden.body).toEqual(missing.body);
  });

  test('spaces.get returns the documented Space fields', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'spaces/Launch',
      displayName: 'Launch team',
      spaceType: 'SPACE',
      // Joined humans: Olivia, Mark, Mia, Pat (not the invitee, not the bot); one group.
      membershipCount: { joinedDirectHumanUserCount: 4, joinedGroupCount: 1 },
      spaceUri: expect.stringContaining('Launch'),
    });
    const dm = await get(emulator(), '/v1/spaces/Dm', TOKENS.owner);
    expect(dm.body).toMatchObject({ spaceType: 'DIRECT_MESSAGE' });
    expect(dm.body).not.toHaveProperty('displayName');
  });

  test('with admin access any space can be read', async () => {
    expectApiError(await get(emulator(), '/v1/spaces/Finance', TOKENS.admin), 404, 'NOT_FOUND');
    const res = await get(emulator(), '/v1/spaces/Finance?useAdminAccess=true', TOKENS.admin);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('spaces/Finance');
  });
});

describe('memberships', () => {
  test('user auth shows displayName and email of members', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members', TOKENS.member);
    const mark = members(res.body).find((m) => m.member?.name === U.mark);
    expect(mark?.member).toEqual({
      name: U.mark,
      type: 'HUMAN',
      displayName: 'Mark Manager',
      email: 'mark@example.com',
    });
  });

  test('admin access shows only name and type of members, and no BOT memberships', async () => {
    const res = await get(emulator(), `/v1/spaces/Launch/members?useAdminAccess=true&${HUMAN}`, TOKENS.admin);
    expect(res.status).toBe(200);
    const list = members(res.body);
    expect(list.map((m) => m.member?.name).sort()).toEqual([U.olivia, U.mark, U.mia, U.pat].sort());
    for (const m of list) expect(Object.keys(m.member ?? {}).sort()).toEqual(['name', 'type']);

    const notBot = await get(
      emulator(),
      `/v1/spaces/Launch/members?useAdminAccess=true&filter=${encodeURIComponent('member.type != "BOT"')}`,
      TOKENS.admin,
    );
    expect(members(notBot.body).some((m) => m.member?.name === U.bot)).toBe(false);

    const single = await get(emulator(), '/v1/spaces/Launch/members/102?useAdminAccess=true', TOKENS.admin);
    expect(single.status).toBe(200);
    expect(single.body.member).toEqual({ name: U.mia, type: 'HUMAN' });
  });

  test('user auth lists the BOT membership', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members', TOKENS.owner);
    expect(members(res.body).find((m) => m.member?.name === U.bot)?.member?.type).toBe('BOT');
  });

  test('showGroups and showInvited default to false', async () => {
    for (const query of ['', '?showGroups=false&showInvited=false']) {
      const res = await get(emulator(), `/v1/spaces/Launch/members${query}`, TOKENS.owner);
      const list = members(res.body);
      expect(list.some((m) => m.groupMember)).toBe(false);
      expect(list.some((m) => m.state === 'INVITED')).toBe(false);
      expect(list).toHaveLength(5);
    }
  });

  test('showGroups=true includes Google Group memberships, without a role', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members?showGroups=true', TOKENS.owner);
    const group = members(res.body).find((m) => m.groupMember);
    expect(group).toEqual({
      name: 'spaces/Launch/members/eng',
      state: 'JOINED',
      groupMember: { name: 'groups/eng' },
      createTime: expect.any(String),
    });
    expect(members(res.body).some((m) => m.state === 'INVITED')).toBe(false);
  });

  test('showInvited=true includes invited memberships', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members?showInvited=true', TOKENS.owner);
    const invited = members(res.body).filter((m) => m.state === 'INVITED');
    expect(invited.map((m) => m.member?.name)).toEqual([U.ivan]);
    expect(members(res.body).some((m) => m.groupMember)).toBe(false);
  });

  test('a boolean parameter that is not true/false is 400', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members?showGroups=yes', TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT', /show_groups/);
  });
});
