import { BIG, bigSeed, expectApiError, get, QUOTAS_OFF, TOKENS, U, useEmulator } from './seeds';

const emulator = useEmulator(() => bigSeed(), QUOTAS_OFF);

interface Member {
  name: string;
  role?: string;
  member?: { name: string; type: string };
  groupMember?: { name: string };
}
interface Space {
  name: string;
  membershipCount?: { joinedDirectHumanUserCount?: number };
}

const q = (s: string) => encodeURIComponent(s);
async function launchMembers(filter: string, extra = ''): Promise<string[]> {
  const res = await get(emulator(), `/v1/spaces/Launch/members?filter=${q(filter)}${extra}`, TOKENS.owner);
  expect(res.status).toBe(200);
  const list = (res.body.memberships as Member[] | undefined) ?? [];
  return list.map((m) => m.member?.name ?? m.groupMember?.name ?? '?').sort();
}

describe('spaces.members.list filter', () => {
  test('role = "ROLE_MANAGER" returns the Owners', async () => {
    expect(await launchMembers('role = "ROLE_MANAGER"')).toEqual([U.olivia]);
  });

  test('member.type = "HUMAN" leaves out the bot', async () => {
    expect(await launchMembers('member.type = "HUMAN"')).toEqual([U.olivia, U.mark, U.mia, U.pat].sort());
  });

  test('member.type != "BOT" leaves out the bot', async () => {
    expect(await launchMembers('member.type != "BOT"')).toEqual([U.olivia, U.mark, U.mia, U.pat].sort());
  });

  test('member.type = "BOT" returns only the bot', async () => {
    expect(await launchMembers('member.type = "BOT"')).toEqual([U.bot]);
  });

  test('role = "ROLE_MANAGER" OR role = "ROLE_ASSISTANT_MANAGER" returns Owners and Managers', async () => {
    expect(await launchMembers('role = "ROLE_MANAGER" OR role = "ROLE_ASSISTANT_MANAGER"')).toEqual(
      [U.olivia, U.mark].sort(),
    );
  });

  test('member.type = "HUMAN" AND role = "ROLE_MEMBER" returns human plain members', async () => {
    expect(await launchMembers('member.type = "HUMAN" AND role = "ROLE_MEMBER"')).toEqual([U.mia, U.pat].sort());
  });

  test('OR binds tighter than AND (AIP-160)', async () => {
    expect(
      await launchMembers('member.type = "HUMAN" AND role = "ROLE_MEMBER" OR role = "ROLE_ASSISTANT_MANAGER"'),
    ).toEqual([U.mark, U.mia, U.pat].sort());
  });

  test('group memberships: no member.type, so they match != "BOT" but not = "HUMAN", and no role', async () => {
    expect(await launchMembers('member.type != "BOT"', '&showGroups=true')).toContain('groups/eng');
    expect(await launchMembers('member.type = "HUMAN"', '&showGroups=true')).not.toContain('groups/eng');
    expect(await launchMembers('role = "ROLE_MEMBER"', '&showGroups=true')).not.toContain('groups/eng');
  });

  test('filters count correctly over 2,500 members', async () => {
    const res = await get(
      emulator(),
      `/v1/${BIG}/members?pageSize=1000&filter=${q('role = "ROLE_MANAGER"')}`,
      TOKENS.owner,
    );
    // Employees 0, 500, 1000, 1500, 2000 and Olivia.
    expect((res.body.memberships as Member[]).length).toBe(6);
    const managers = await get(
      emulator(),
      `/v1/${BIG}/members?pageSize=1000&filter=${q('role = "ROLE_ASSISTANT_MANAGER"')}`,
      TOKENS.owner,
    );
    expect((managers.body.memberships as Member[]).length).toBe(25);
  });

  test.each([
    ['member.type = "HUMAN" AND member.type = "BOT"'],
    ['role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"'],
    ['member.displayName = "Mia"'],
    ['state = "JOINED"'],
    ['role != "ROLE_MEMBER"'],
    ['role = "OWNER"'],
    ['member.type = "ROBOT"'],
    ['member.type : "HUMAN"'],
    ['role = '],
    ['(role = "ROLE_MEMBER"'],
    ['role = "ROLE_MEMBER" AND'],
    ['role = "ROLE_MEMBER'],
  ])('filter %s is 400', async (filter) => {
    const res = await get(emulator(), `/v1/spaces/Launch/members?filter=${q(filter)}`, TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT', /filter/);
  });
});

describe('spaces.list filter', () => {
  const spaces = async (filter: string) => {
    const res = await get(emulator(), `/v1/spaces?filter=${q(filter)}`, TOKENS.owner);
    expect(res.status).toBe(200);
    return ((res.body.spaces as Space[] | undefined) ?? []).map((s) => s.name).sort();
  };

  test('space_type = "SPACE"', async () => {
    expect(await spaces('space_type = "SPACE"')).toEqual(
      ['spaces/Launch', 'spaces/Support', 'spaces/Design', BIG].sort(),
    );
  });

  test('spaceType = "GROUP_CHAT" OR spaceType = "DIRECT_MESSAGE"', async () => {
    expect(await spaces('spaceType = "GROUP_CHAT" OR spaceType = "DIRECT_MESSAGE"')).toEqual(
      ['spaces/Dm', 'spaces/Group'].sort(),
    );
  });

  test.each([
    ['space_type = "SPACE" AND space_type = "GROUP_CHAT"'],
    ['(space_type = "SPACE" AND space_type = "GROUP_CHAT") OR space_type = "DIRECT_MESSAGE"'],
    ['space_type != "SPACE"'],
    ['display_name = "Launch team"'],
    ['space_type = "ROOM"'],
  ])('filter %s is 400', async (filter) => {
    expectApiError(await get(emulator(), `/v1/spaces?filter=${q(filter)}`, TOKENS.owner), 400, 'INVALID_ARGUMENT');
  });
});

describe('spaces.search (admin only)', () => {
  const BASE = 'customer = "customers/my_customer" AND space_type = "SPACE"';
  const search = async (query: string, extra = '') => {
    const res = await get(emulator(), `/v1/spaces:search?useAdminAccess=true&query=${q(query)}${extra}`, TOKENS.admin);
    expect(res.status).toBe(200);
    return res.body as { spaces?: Space[]; totalSize?: number; nextPageToken?: string };
  };

  test('finds every named space, oldest first by default (create_time ASC)', async () => {
    const body = await search(BASE);
    expect(body.spaces?.map((s) => s.name)).toEqual([
      BIG,
      'spaces/Finance',
      'spaces/Launch',
      'spaces/Design',
      'spaces/Support',
    ]);
    expect(body.totalSize).toBe(5);
  });

  test('display_name:"..." matches word prefixes, case-insensitively', async () => {
    expect((await search(`${BASE} AND display_name:"fin"`)).spaces?.map((s) => s.name)).toEqual(['spaces/Finance']);
    expect((await search(`${BASE} AND display_name:"BUD"`)).spaces?.map((s) => s.name)).toEqual(['spaces/Finance']);
    expect((await search(`${BASE} AND display_name:"launch te"`)).spaces?.map((s) => s.name)).toEqual([
      'spaces/Launch',
    ]);
    // "udget" is inside a word, not a word prefix.
    expect((await search(`${BASE} AND display_name:"udget"`)).spaces).toBeUndefined();
  });

  test('orderBy membership_count.joined_direct_human_user_count DESC', async () => {
    const body = await search(BASE, `&orderBy=${q('membership_count.joined_direct_human_user_count DESC')}`);
    const names = body.spaces?.map((s) => s.name);
    expect(names?.[0]).toBe(BIG);
    expect(names?.[1]).toBe('spaces/Launch');
    expect(names?.at(-1)).toBe('spaces/Finance');
    const counts = body.spaces?.map((s) => s.membershipCount?.joinedDirectHumanUserCount ?? 0) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  test('answers results[].space (revision 20260920) and the same spaces in the deprecated spaces', async () => {
    const body = (await search(BASE)) as { spaces?: Space[]; results?: { space: Space }[] };
    expect(body.results?.map((r) => r.space)).toEqual(body.spaces);
    expect(body.results?.length).toBeGreaterThan(0);
  });

  test('without useAdminAccess it is 400', async () => {
    const res = await get(emulator(), `/v1/spaces:search?query=${q(BASE)}`, TOKENS.owner);
    expectApiError(res, 400, 'INVALID_ARGUMENT', /useAdminAccess/);
  });

  test('a non-administrator with useAdminAccess is 403', async () => {
    const res = await get(emulator(), `/v1/spaces:search?useAdminAccess=true&query=${q(BASE)}`, TOKENS.fakeAdmin);
    expectApiError(res, 403, 'PERMISSION_DENIED');
  });

  test.each([
    ['missing customer', 'space_type = "SPACE"'],
    ['missing space_type', 'customer = "customers/my_customer"'],
    ['OR', 'customer = "customers/my_customer" OR space_type = "SPACE"'],
    ['unsupported field', `${BASE} AND space_history_state = "HISTORY_ON"`],
    ['other customer', 'customer = "customers/C123" AND space_type = "SPACE"'],
    ['display_name with =', `${BASE} AND display_name = "Finance"`],
  ])('a query with %s is 400', async (_label, query) => {
    const res = await get(emulator(), `/v1/spaces:search?useAdminAccess=true&query=${q(query)}`, TOKENS.admin);
    expectApiError(res, 400, 'INVALID_ARGUMENT');
  });

  test('an unknown orderBy is 400', async () => {
    const res = await get(
      emulator(),
      `/v1/spaces:search?useAdminAccess=true&query=${q(BASE)}&orderBy=${q('display_name ASC')}`,
      TOKENS.admin,
    );
    expectApiError(res, 400, 'INVALID_ARGUMENT', /order_by/);
  });

  test('search paginates', async () => {
    const first = await search(BASE, '&pageSize=2');
    expect(first.spaces).toHaveLength(2);
    const second = await search(BASE, `&pageSize=2&pageToken=${first.nextPageToken}`);
    expect(second.spaces?.map((s) => s.name)).toEqual(['spaces/Launch', 'spaces/Design']);
  });
});
