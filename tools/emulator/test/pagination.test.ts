import { BIG, BIG_MEMBERS, bigSeed, expectApiError, get, QUOTAS_OFF, TOKENS, useEmulator } from './seeds';

const EXTRA_SPACES = 250;
const emulator = useEmulator(() => bigSeed(EXTRA_SPACES), QUOTAS_OFF);

const MEMBERS = `/v1/${BIG}/members`;
/** Joined, non-group memberships of the big space: the crowd, Olivia and the bot. */
const VISIBLE = BIG_MEMBERS + 2;
/** Olivia's joined spaces: five in the small world, the big space and the extras. */
const OLIVIA_SPACES = 5 + 1 + EXTRA_SPACES;

interface Page {
  memberships?: { name: string }[];
  spaces?: { name: string }[];
  nextPageToken?: string;
}

async function walk(path: string, key: 'memberships' | 'spaces', pageSize?: number) {
  const names: string[] = [];
  const sizes: number[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const params = new URLSearchParams();
    if (pageSize !== undefined) params.set('pageSize', String(pageSize));
    if (token) params.set('pageToken', token);
    const sep = path.includes('?') ? '&' : '?';
    const res = await get(emulator(), `${path}${params.size > 0 ? sep + params.toString() : ''}`, TOKENS.owner);
    expect(res.status).toBe(200);
    const body = res.body as Page;
    const items = body[key] ?? [];
    names.push(...items.map((x) => x.name));
    sizes.push(items.length);
    token = body.nextPageToken;
    if (!token) return { names, sizes };
  }
  throw new Error('pagination did not end');
}

describe('spaces.members.list pagination', () => {
  test('pageSize defaults to 100', async () => {
    const res = await get(emulator(), MEMBERS, TOKENS.owner);
    const body = res.body as Page;
    expect(body.memberships).toHaveLength(100);
    expect(typeof body.nextPageToken).toBe('string');
  });

  test('pageSize 0 means the default', async () => {
    const res = await get(emulator(), `${MEMBERS}?pageSize=0`, TOKENS.owner);
    expect((res.body as Page).memberships).toHaveLength(100);
  });

  test('pageSize above 1000 is clamped to 1000', async () => {
    const res = await get(emulator(), `${MEMBERS}?pageSize=5000`, TOKENS.owner);
    expect(res.status).toBe(200);
    expect((res.body as Page).memberships).toHaveLength(1000);
  });

  test.each([['-1'], ['-100'], ['ten'], ['1.5']])('pageSize=%s is 400', async (size) => {
    expectApiError(await get(emulator(), `${MEMBERS}?pageSize=${size}`, TOKENS.owner), 400, 'INVALID_ARGUMENT');
  });

  test.each([
    [undefined, 26],
    [1000, 3],
    [37, Math.ceil(VISIBLE / 37)],
  ])('walking every page (pageSize %p) returns each member exactly once', async (pageSize, pages) => {
    const { names, sizes } = await walk(MEMBERS, 'memberships', pageSize);
    expect(names).toHaveLength(VISIBLE);
    expect(new Set(names).size).toBe(VISIBLE);
    expect(sizes).toHaveLength(pages);
    expect(names).toContain(`${BIG}/members/10000`);
    expect(names).toContain(`${BIG}/members/${10_000 + BIG_MEMBERS - 1}`);
  });

  test('the last page has no nextPageToken', async () => {
    const res = await get(emulator(), `${MEMBERS}?pageSize=1000`, TOKENS.owner);
    const second = await get(
      emulator(),
      `${MEMBERS}?pageSize=1000&pageToken=${(res.body as Page).nextPageToken}`,
      TOKENS.owner,
    );
    const third = await get(
      emulator(),
      `${MEMBERS}?pageSize=1000&pageToken=${(second.body as Page).nextPageToken}`,
      TOKENS.owner,
    );
    expect(third.status).toBe(200);
    expect((third.body as Page).memberships).toHaveLength(VISIBLE - 2000);
    expect(third.body).not.toHaveProperty('nextPageToken');
  });

  test('a small list has no nextPageToken at all', async () => {
    const res = await get(emulator(), '/v1/spaces/Launch/members', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('nextPageToken');
  });
});

describe('spaces.members.list pagination: page tokens', () => {
  test('pageSize may change between pages', async () => {
    const first = await get(emulator(), `${MEMBERS}?pageSize=10`, TOKENS.owner);
    const token = (first.body as Page).nextPageToken as string;
    const second = await get(emulator(), `${MEMBERS}?pageSize=20&pageToken=${token}`, TOKENS.owner);
    expect(second.status).toBe(200);
    const names = (second.body as Page).memberships?.map((m) => m.name) ?? [];
    expect(names).toHaveLength(20);
    const firstNames = new Set((first.body as Page).memberships?.map((m) => m.name));
    expect(names.some((n) => firstNames.has(n))).toBe(false);
  });

  test('a page token reused with other parameters is 400', async () => {
    const filter = encodeURIComponent('role = "ROLE_MEMBER"');
    const first = await get(emulator(), `${MEMBERS}?filter=${filter}`, TOKENS.owner);
    const token = (first.body as Page).nextPageToken as string;
    expect(token).toBeTruthy();
    const same = await get(emulator(), `${MEMBERS}?filter=${filter}&pageToken=${token}`, TOKENS.owner);
    expect(same.status).toBe(200);

    const otherFilter = encodeURIComponent('role = "ROLE_MANAGER"');
    const cases = [
      `${MEMBERS}?filter=${otherFilter}&pageToken=${token}`,
      `${MEMBERS}?pageToken=${token}`,
      `${MEMBERS}?filter=${filter}&showInvited=true&pageToken=${token}`,
      `/v1/spaces/Launch/members?filter=${filter}&pageToken=${token}`,
    ];
    for (const path of cases) {
      expectApiError(await get(emulator(), path, TOKENS.owner), 400, 'INVALID_ARGUMENT', /page token/);
    }
  });

  test.each([
    ['garbage', 'not-a-real-token'],
    ['base64 of a number', Buffer.from('123').toString('base64url')],
  ])('a %s page token is 400', async (_label, token) => {
    expectApiError(
      await get(emulator(), `${MEMBERS}?pageToken=${token}`, TOKENS.owner),
      400,
      'INVALID_ARGUMENT',
      /page token/i,
    );
  });
});

test.each([
  ['a negative offset', -5],
  ['a fractional offset', 1.5],
])('a forged page token with %s is 400', async (_label, offset) => {
  // White-box: re-encode a real token (so its parameter hash matches) with a forged offset.
  const first = await get(emulator(), `${MEMBERS}?pageSize=10`, TOKENS.owner);
  const real = JSON.parse(Buffer.from((first.body as Page).nextPageToken as string, 'base64url').toString()) as {
    o: number;
  };
  expect(real.o).toBe(10);
  const forged = Buffer.from(JSON.stringify({ ...real, o: offset })).toString('base64url');
  expectApiError(await get(emulator(), `${MEMBERS}?pageToken=${forged}`, TOKENS.owner), 400, 'INVALID_ARGUMENT');
});

describe('spaces.list pagination', () => {
  test('pages through all of the caller spaces exactly once', async () => {
    const { names, sizes } = await walk('/v1/spaces', 'spaces', 100);
    expect(sizes).toEqual([100, 100, OLIVIA_SPACES - 200]);
    expect(new Set(names).size).toBe(OLIVIA_SPACES);
    expect(names).not.toContain('spaces/Finance');
  });

  test('default page size is 100 and pageSize=5000 clamps to 1000 (here: everything, no token)', async () => {
    const first = await get(emulator(), '/v1/spaces', TOKENS.owner);
    expect((first.body as Page).spaces).toHaveLength(100);
    const all = await get(emulator(), '/v1/spaces?pageSize=5000', TOKENS.owner);
    expect((all.body as Page).spaces).toHaveLength(OLIVIA_SPACES);
    expect(all.body).not.toHaveProperty('nextPageToken');
  });

  test('negative pageSize is 400 and a token with another filter is 400', async () => {
    expectApiError(await get(emulator(), '/v1/spaces?pageSize=-3', TOKENS.owner), 400, 'INVALID_ARGUMENT');
    const first = await get(emulator(), '/v1/spaces?pageSize=10', TOKENS.owner);
    const token = (first.body as Page).nextPageToken as string;
    const filter = encodeURIComponent('space_type = "SPACE"');
    expectApiError(
      await get(emulator(), `/v1/spaces?filter=${filter}&pageToken=${token}`, TOKENS.owner),
      400,
      'INVALID_ARGUMENT',
    );
  });
});
