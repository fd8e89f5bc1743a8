import type { ChatMembership } from '../../src/domain/chat-types';
import {
  CACHE_SHARDS,
  cachedResolution,
  FOUND_TTL_MS,
  NOT_FOUND_TTL_MS,
  parseShard,
  shardKeysFor,
  shardOf,
  updatedShard,
} from '../../src/domain/name-cache-shards';
import {
  applyResolutions,
  directoryResolution,
  directoryUserUrl,
  directoryVerdict,
  found,
  MAX_URL_LENGTH,
  namesToResolve,
  noteFor,
  PEOPLE_BATCH_MAX,
  partitionIds,
  peopleBatches,
  peopleBatchResolutions,
  peopleVerdict,
  personFromDirectory,
  personFromPeople,
  unresolved,
  userIdOf,
} from '../../src/domain/name-resolution';

const person = (id: string, extra: Partial<NonNullable<ChatMembership['member']>> = {}): ChatMembership => ({
  name: `spaces/S/members/${id}`,
  role: 'ROLE_MEMBER',
  member: { name: `users/${id}`, type: 'HUMAN', ...extra },
});

describe('which members are looked up', () => {
  it('people without a name or an email, each once; never groups, Chat apps or people Chat named fully', () => {
    const memberships: ChatMembership[] = [
      person('1'),
      person('2', { displayName: 'Bo', email: 'bo@example.com' }),
      person('3', { displayName: 'Cy' }),
      person('4', { email: 'di@example.com' }),
      { ...person('1'), name: 'spaces/T/members/1' },
      { name: 'spaces/S/members/bot', member: { name: 'users/bot', type: 'BOT' } },
      { name: 'spaces/S/members/g', groupMember: { name: 'groups/g' } },
      { name: 'spaces/S/members/x', member: { type: 'HUMAN' } },
    ];
    expect(namesToResolve(memberships)).toEqual(['users/1', 'users/3', 'users/4']);
  });

  it('validates ids before any URL exists: digits or the Chat id syntax, never paths, emails or queries', () => {
    expect(userIdOf('users/1001')).toBe('1001');
    expect(userIdOf('users/AbC_-9')).toBe('AbC_-9');
    for (const bad of [
      'users/../x',
      'users/a/b',
      'users/a@b.com',
      'users/',
      'users/1?x=1',
      'users/1#',
      'groups/1',
      7,
    ]) {
      expect(userIdOf(bad)).toBeUndefined();
    }
    expect(partitionIds(['users/1', 'users/a@b.com', 'users/../../admin'])).toEqual({
      ids: ['1'],
      invalid: ['users/a@b.com', 'users/../../admin'],
    });
    expect(() => directoryUserUrl('../admin')).toThrow();
    expect(() => peopleBatches(['1', 'x&sources=1'])).toThrow();
  });
});

describe('batching and URLs', () => {
  it('people:batchGet: domain profiles, names and emails, at most 200 names and a URL UrlFetch accepts', () => {
    const short = Array.from({ length: 450 }, (_, i) => String(i));
    const batches = peopleBatches(short);
    expect(batches.flatMap((b) => b.ids)).toEqual(short);
    for (const b of batches) {
      expect(b.ids.length).toBeLessThanOrEqual(PEOPLE_BATCH_MAX);
      expect(b.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
      const url = new URL(b.url);
      expect(url.origin + url.pathname).toBe('https://people.googleapis.com/v1/people:batchGet');
      expect(url.searchParams.get('personFields')).toBe('names,emailAddresses');
      expect(url.searchParams.getAll('sources')).toEqual(['READ_SOURCE_TYPE_PROFILE']);
      expect(url.searchParams.getAll('resourceNames')).toEqual(b.ids.map((id) => `people/${id}`));
    }
    // Real ids have 21 digits: the URL, not the 200-name cap, limits a batch.
    const real = Array.from({ length: 100 }, (_, i) => `1${String(i).padStart(20, '0')}`);
    const realBatches = peopleBatches(real);
    expect(realBatches.length).toBeGreaterThan(2);
    expect(realBatches.every((b) => b.url.length <= MAX_URL_LENGTH)).toBe(true);
    // Only the cap applies when the URL may be long.
    expect(peopleBatches(short, 1_000_000).map((b) => b.ids.length)).toEqual([200, 200, 50]);
    expect(peopleBatches([])).toEqual([]);
  });

  it('Directory users.get: one id per URL, asking only for the fields shown', () => {
    const url = new URL(directoryUserUrl('1002'));
    expect(url.origin + url.pathname).toBe('https://admin.googleapis.com/admin/directory/v1/users/1002');
    expect(url.searchParams.get('fields')).toBe('id,primaryEmail,name,emails');
  });
});

describe('answers', () => {
  it('a People person: the primary name and email; email as the name when there is no name', () => {
    expect(
      personFromPeople({
        names: [
          { metadata: { source: { type: 'PROFILE' } }, displayName: 'Old Name' },
          { metadata: { primary: true }, displayName: 'Alice Ng', givenName: 'Alice', familyName: 'Ng' },
        ],
        emailAddresses: [{ value: 'other@example.com' }, { metadata: { primary: true }, value: 'alice@example.com' }],
      }),
    ).toEqual({ displayName: 'Alice Ng', email: 'alice@example.com' });
    expect(personFromPeople({ names: [{ givenName: 'Bo', familyName: 'Li' }] })).toEqual({
      displayName: 'Bo Li',
      email: '',
    });
    expect(personFromPeople({ emailAddresses: [{ value: 'x@example.com' }] })).toEqual({
      displayName: 'x@example.com',
      email: 'x@example.com',
    });
    expect(personFromPeople({ resourceName: 'people/1' })).toBeUndefined();
    expect(personFromPeople(null)).toBeUndefined();
  });

  it('a Directory user: full name and primary email', () => {
    expect(
      personFromDirectory({ primaryEmail: 'bob@example.com', name: { fullName: 'Bob Ortiz', givenName: 'Bob' } }),
    ).toEqual({ displayName: 'Bob Ortiz', email: 'bob@example.com' });
    expect(
      personFromDirectory({ name: { givenName: 'Bob', familyName: 'Ortiz' }, emails: [{ address: 'b@x.com' }] }),
    ).toEqual({ displayName: 'Bob Ortiz', email: 'b@x.com' });
    expect(personFromDirectory('nope')).toBeUndefined();
  });

  it('Directory verdicts: quota 403s, 429 and 5xx retried; other 403s fall back to People', () => {
    const e403 = (reason: string, domain = 'global') =>
      JSON.stringify({ error: { code: 403, message: 'm', errors: [{ message: 'm', domain, reason }] } });
    expect(directoryVerdict(200, '{}')).toBe('done');
    expect(directoryVerdict(404, '')).toBe('done');
    expect(directoryVerdict(429, '')).toBe('retry');
    expect(directoryVerdict(503, '')).toBe('retry');
    expect(directoryVerdict(403, e403('userRateLimitExceeded', 'usageLimits'))).toBe('retry');
    expect(directoryVerdict(403, e403('rateLimitExceeded', 'usageLimits'))).toBe('retry');
    expect(directoryVerdict(403, e403('forbidden'))).toBe('denied');
    expect(directoryVerdict(403, e403('insufficientPermissions'))).toBe('denied');
    expect(directoryVerdict(403, '<html>')).toBe('denied');
    expect(directoryVerdict(400, '')).toBe('failed');
    expect(directoryResolution(404, '')).toEqual(unresolved('not-found'));
    expect(directoryResolution(400, '')).toEqual(unresolved('failed', 400));
    expect(directoryResolution(200, JSON.stringify({ primaryEmail: 'a@x.com', name: { fullName: 'A' } }))).toEqual(
      found({ displayName: 'A', email: 'a@x.com' }),
    );
  });

  it('People verdicts and batchGet items: found, per-item 404, per-item errors, missing items', () => {
    expect([200, 429, 500, 503, 403, 400].map(peopleVerdict)).toEqual([
      'done',
      'retry',
      'retry',
      'retry',
      'denied',
      'failed',
    ]);
    const body = JSON.stringify({
      responses: [
        {
          httpStatusCode: 200,
          requestedResourceName: 'people/1',
          person: { names: [{ displayName: 'One' }], emailAddresses: [{ value: 'one@x.com' }] },
          status: {},
        },
        { httpStatusCode: 404, requestedResourceName: 'people/2', status: { code: 5, message: 'not found' } },
        { httpStatusCode: 503, requestedResourceName: 'people/3', status: { code: 14 } },
        { httpStatusCode: 200, requestedResourceName: 'people/99', person: { names: [{ displayName: 'Stray' }] } },
      ],
    });
    expect(Object.fromEntries(peopleBatchResolutions(['1', '2', '3', '4'], body))).toEqual({
      1: found({ displayName: 'One', email: 'one@x.com' }),
      2: unresolved('not-found'),
      3: unresolved('busy', 503),
      4: unresolved('failed', 200),
    });
    expect(peopleBatchResolutions(['1'], 'not json').get('1')).toEqual(unresolved('failed', 200));
  });
});

describe('into the sheet', () => {
  it('fills in names and emails (Chat’s own values win) and notes why the others stay ids', () => {
    const memberships = [
      person('1'),
      person('2', { displayName: 'Chat Name' }),
      person('3'),
      { name: 'spaces/S/members/g', groupMember: { name: 'groups/g' } },
    ];
    const { memberships: out, notes } = applyResolutions(
      memberships,
      new Map([
        ['users/1', found({ displayName: 'One', email: 'one@x.com' })],
        ['users/2', found({ displayName: 'Directory Name', email: 'two@x.com' })],
        ['users/3', unresolved('not-found')],
      ]),
    );
    expect(out.map((m) => [m.member?.displayName, m.member?.email])).toEqual([
      ['One', 'one@x.com'],
      ['Chat Name', 'two@x.com'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect([...notes.keys()]).toEqual(['spaces/S/members/3']);
    expect(notes.get('spaces/S/members/3')).toMatch(/Not found in the organisation's directory.*Chat id is shown/);
    expect(memberships[0]?.member?.displayName).toBeUndefined(); // the input is not changed
  });

  it('has a note for every reason, naming the HTTP status of an unexpected answer, and none for a person found', () => {
    for (const reason of [
      'not-found',
      'no-permission',
      'busy',
      'failed',
      'unreachable',
      'invalid-id',
      'out-of-time',
    ] as const) {
      expect(noteFor(unresolved(reason), true)).toMatch(/\S/);
    }
    expect(noteFor(unresolved('failed', 400), true)).toMatch(/HTTP 400/);
    expect(noteFor(unresolved('busy'), true)).toMatch(/Refresh members/);
    expect(noteFor(unresolved('not-found'), false)).toMatch(/email is not known/);
    expect(noteFor(found({ displayName: 'A', email: '' }), true)).toBe('');
  });
});

describe('the cache layout', () => {
  const now = Date.UTC(2026, 0, 1, 12);

  it('spreads ids over a fixed number of shards, the same shard every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(5000 + i));
    const counts = new Array(CACHE_SHARDS).fill(0) as number[];
    for (const id of ids) counts[shardOf(id)] = (counts[shardOf(id)] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(100);
    expect(Math.max(...counts)).toBeLessThan(300);
    expect(shardOf('1001')).toBe(shardOf('1001'));
    expect(shardKeysFor(ids)).toHaveLength(CACHE_SHARDS);
    expect(shardKeysFor(['1', '1'])).toHaveLength(1);
  });

  it('keeps found people 6 hours and ids the directory does not know 1 hour; never transient failures', () => {
    const text = updatedShard(
      {},
      new Map([
        ['1', found({ displayName: 'One', email: 'one@x.com' })],
        ['2', unresolved('not-found')],
        ['3', unresolved('busy', 503)],
        ['4', unresolved('no-permission', 403)],
      ]),
      now,
    );
    const shard = parseShard(text);
    expect(Object.keys(shard).sort()).toEqual(['1', '2']);
    expect(cachedResolution(shard, '1', now + FOUND_TTL_MS - 60_000)).toEqual(
      found({ displayName: 'One', email: 'one@x.com' }),
    );
    expect(cachedResolution(shard, '1', now + FOUND_TTL_MS + 60_000)).toBeUndefined();
    expect(cachedResolution(shard, '2', now + NOT_FOUND_TTL_MS - 60_000)).toEqual(unresolved('not-found'));
    expect(cachedResolution(shard, '2', now + NOT_FOUND_TTL_MS + 60_000)).toBeUndefined();
    expect(cachedResolution(shard, '3', now)).toBeUndefined();
  });

  it('merges into what the shard holds, drops expired entries, and stays under the size limit', () => {
    const old = parseShard(
      updatedShard({}, new Map([['1', found({ displayName: 'Old', email: 'o@x.com' })]]), now - FOUND_TTL_MS * 2),
    );
    const kept = parseShard(updatedShard({}, new Map([['2', found({ displayName: 'Two', email: '' })]]), now - 1000));
    const merged = parseShard(
      updatedShard({ ...old, ...kept }, new Map([['3', found({ displayName: 'Three', email: '' })]]), now),
    );
    expect(Object.keys(merged).sort()).toEqual(['2', '3']);

    const many = new Map(
      Array.from({ length: 500 }, (_, i) => [String(i), found({ displayName: 'é'.repeat(40), email: `${i}@x.com` })]),
    );
    const capped = updatedShard({}, many, now, 10_000);
    expect(new TextEncoder().encode(capped).length).toBeLessThanOrEqual(10_000);
    expect(Object.keys(parseShard(capped)).length).toBeGreaterThan(50);
  });

  it('ignores malformed or foreign cache contents', () => {
    expect(parseShard('not json')).toEqual({});
    expect(parseShard(null)).toEqual({});
    expect(
      parseShard(JSON.stringify({ '../x': [1, 'a', 'b'], ok: [1, 'A', 'a@x.com'], bad: ['x'], n: [1, 2, 3] })),
    ).toEqual({ ok: [1, 'A', 'a@x.com'] });
  });
});
