import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_SCOPES, DEMO_SERVICE_ACCOUNT, demoSeed, PEOPLE_SCOPE } from '../../tools/emulator/demo-seed';
import type { Seed } from '../../tools/emulator/seed';
import {
  ALICE,
  type EmulatorRequest,
  type Harness,
  ROOT,
  rowOfKey,
  sheetCalls,
  sheetValues,
  startHarness,
  TOKENS,
} from '../support/harness';

const ADA = 'ada.admin@example.com';
const CACHE_PREFIX = 'people.v1.';
const isDirectory = (r: EmulatorRequest) => r.path.startsWith('/admin/directory/v1/users/');
const isPeople = (r: EmulatorRequest) => r.path.startsWith('/v1/people');
const lookups = async (h: Harness) => (await h.control.requests()).filter((r) => isDirectory(r) || isPeople(r));

/** Every cache call the fakes counted, by method. */
const cacheCalls = (h: Harness) =>
  Object.fromEntries(Object.entries(h.env.calls).filter(([name]) => name.startsWith('Cache.')));

/** The demo seed with "All hands" cut down to `size` members (Alice and the first employees). */
function seedWithAllHandsOf(size: number): Seed {
  const seed = demoSeed();
  const space = seed.spaces.find((s) => s.name === 'spaces/AAAAAllHands');
  if (space) space.memberships = space.memberships.slice(0, size);
  return seed;
}

function notes(h: Harness, title: string): string[] {
  const sheet = h.env.spreadsheet.getSheetByName(title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, 1)
    .getNotes()
    .map((row) => String(row[0]));
}

function expectNoTokenAnywhere(h: Harness): void {
  const texts = [
    ...h.env.recorded(),
    ...h.env.logs.map((l) => JSON.stringify(l)),
    ...h.env.sim.http.map((r) => JSON.stringify(r)),
  ];
  for (const token of TOKENS) expect(texts.filter((t) => t.includes(token))).toEqual([]);
}

describe('names: people, not ids', () => {
  let h: Harness;
  afterEach(() => h.stop());

  describe('admin access (Admin SDK Directory)', () => {
    beforeEach(async () => {
      h = await startHarness();
    });

    it('shows real names and emails from the Directory, then from the user cache on the next load', async () => {
      h.env.sim.resetCalls();
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect(sheetValues(h, 'Finance').map((r) => r.slice(0, 3))).toEqual([
        ['Name', 'Email', 'Type'],
        ['Bob Ortiz', 'bob@example.com', 'Person'],
        ['Dan Wu', 'dan@example.com', 'Person'],
      ]);
      expect(notes(h, 'Finance')).toEqual(['', '']);
      const first = await lookups(h);
      expect(first.map((r) => [r.method, r.path, r.principal, r.status]).sort()).toEqual([
        ['GET', '/admin/directory/v1/users/1002', 'users/1900', 200],
        ['GET', '/admin/directory/v1/users/1004', 'users/1900', 200],
      ]);
      // One id per request, sent together in one fetchAll; one cache read and one cache write.
      expect(h.env.calls['UrlFetchApp.fetchAll']).toBe(1);
      expect(cacheCalls(h)).toMatchObject({ 'Cache.getAll': 1, 'Cache.putAll': 1 });

      // The cache is the admin's own: nothing in the script or document cache, nothing for anyone else.
      expect([...h.env.sim.caches.user(ADA).entries.keys()].some((k) => k.startsWith(CACHE_PREFIX))).toBe(true);
      for (const store of [h.env.sim.caches.script, h.env.sim.caches.document, h.env.sim.caches.user(ALICE)]) {
        expect([...store.entries.keys()].filter((k) => k.startsWith(CACHE_PREFIX))).toEqual([]);
      }

      await h.control.clearRequests();
      h.env.sim.resetCalls();
      h.env.sim.as(ADA, () => h.bundle.run('refreshMembers'));
      expect(sheetValues(h, 'Finance').map((r) => r[0])).toEqual(['Name', 'Bob Ortiz', 'Dan Wu']);
      expect(await lookups(h)).toEqual([]);
      expect(h.env.calls['UrlFetchApp.fetchAll']).toBeUndefined();
      expect(cacheCalls(h)).toEqual({ 'Cache.getAll': 1 });
      expectNoTokenAnywhere(h);
    });

    it('looks up 400 people in waves of 40 a second, with the sheet calls of a load that looks up none', async () => {
      await h.control.reset(seedWithAllHandsOf(400));
      // The same space as Alice (user access: Chat names everyone, nothing is looked up), then as the admin.
      h.env.sim.resetCalls();
      h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands'));
      const withoutLookups = sheetCalls(h);
      const first = h.env.spreadsheet.getSheetByName('All hands');
      if (first) h.env.spreadsheet.deleteSheet(first);
      await h.control.clearRequests();
      h.env.sim.resetCalls();
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands', { admin: true }));
      expect(sheetCalls(h)).toBe(withoutLookups);
      const rows = sheetValues(h, 'All hands').slice(1);
      expect(rows).toHaveLength(400);
      expect(rows.filter((r) => r[0]?.startsWith('users/'))).toEqual([]);
      expect(rows.find((r) => r[6] === 'spaces/AAAAAllHands/members/5000')?.slice(0, 2)).toEqual([
        'Employee 0001',
        'employee1@example.com',
      ]);
      const directory = (await h.control.requests()).filter(isDirectory);
      expect(directory.filter((r) => r.status === 200)).toHaveLength(400);
      // 40 requests per fetchAll, one fetchAll a second (the Directory's 2,400 queries a minute): quota errors are
      // rare (only timing jitter, amplified 40 times by the harness's fast clock, draws any) and retried.
      expect(directory.length - 400).toBeLessThan(20);
      const waves = new Map<number, number>();
      for (const r of h.env.sim.http.filter((x) => isDirectoryUrl(x.url)))
        waves.set(r.batch, (waves.get(r.batch) ?? 0) + 1);
      expect(Math.max(...waves.values())).toBe(40);
      expect(waves.size).toBeGreaterThanOrEqual(10);
      expect(cacheCalls(h)).toMatchObject({ 'Cache.getAll': 1, 'Cache.putAll': 1 });

      await h.control.clearRequests();
      h.env.sim.resetCalls();
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands', { admin: true }));
      expect(await lookups(h)).toEqual([]);
      expect(cacheCalls(h)).toEqual({ 'Cache.getAll': 1 });
      expect(sheetValues(h, 'All hands')[1]?.[0]).toBe('Alice Ng');
    });

    it('retries the Directory’s over-quota 403 (userRateLimitExceeded) with backoff', async () => {
      // One query every ten seconds: of the two sent together, one is refused for quota and retried. (At one a second,
      // a loaded machine could let the bucket refill between the two: at time scale 40 that is 25 real ms.)
      await h.control.config({ quotas: { directoryReadsPerMinute: 6 } });
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect(sheetValues(h, 'Finance').map((r) => r[0])).toEqual(['Name', 'Bob Ortiz', 'Dan Wu']);
      const directory = (await h.control.requests()).filter(isDirectory);
      expect(directory.filter((r) => r.status === 403)).not.toEqual([]);
      expect(directory.filter((r) => r.status === 200)).toHaveLength(2);
      expect((await lookups(h)).filter(isPeople)).toEqual([]);
      expect(notes(h, 'Finance')).toEqual(['', '']);
    });

    it('keeps an id the Directory does not know, with a note saying why, and remembers that it is unknown', async () => {
      const seed: Seed = demoSeed();
      // A person with no account in the organisation's directory (no email): Directory answers 404.
      seed.users.push({ name: 'users/7777', displayName: 'Guest Person', type: 'HUMAN' });
      seed.spaces.find((s) => s.name === 'spaces/AAAAFinance')?.memberships.push({ member: 'users/7777' });
      await h.control.reset(seed);
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      const guest = rowOfKey(h, 'Finance', 'spaces/AAAAFinance/members/7777');
      expect(sheetValues(h, 'Finance')[guest - 1]?.slice(0, 3)).toEqual(['users/7777', '', 'Person']);
      const sheet = h.env.spreadsheet.getSheetByName('Finance');
      expect(sheet?.getRange(guest, 1).getNote()).toMatch(/Not found in the organisation's directory/);
      expect(notes(h, 'Finance').filter(Boolean)).toHaveLength(1);
      expect((await h.control.requests()).filter((r) => r.path === '/admin/directory/v1/users/7777')).toMatchObject([
        { status: 404 },
      ]);

      // Known unknowns are cached too (for an hour): the next load asks nobody.
      await h.control.clearRequests();
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect(await lookups(h)).toEqual([]);
      expect(sheet?.getRange(rowOfKey(h, 'Finance', 'spaces/AAAAFinance/members/7777'), 1).getNote()).toMatch(
        /Not found/,
      );
      // The cache is best effort: when Google drops it, everyone is looked up again.
      h.env.sim.evictCaches();
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect((await lookups(h)).filter(isDirectory)).toHaveLength(3);
      expect(sheetValues(h, 'Finance').map((r) => r[0])).toEqual(['Name', 'Bob Ortiz', 'Dan Wu', 'users/7777']);
    });
  });

  describe('admin access without the Directory', () => {
    it('falls back to People when the Directory refuses the caller (403, not a quota)', async () => {
      const seed: Seed = demoSeed();
      const admin = seed.principals.find((p) => p.token === 'tok-admin');
      // An administrator whose token can read domain profiles (People) but not the Admin SDK Directory.
      if (admin) admin.scopes = [...ADMIN_SCOPES, PEOPLE_SCOPE];
      h = await startHarness(seed);
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect(sheetValues(h, 'Finance').map((r) => r.slice(0, 2))).toEqual([
        ['Name', 'Email'],
        ['Bob Ortiz', 'bob@example.com'],
        ['Dan Wu', 'dan@example.com'],
      ]);
      const requests = await lookups(h);
      expect(requests.filter(isDirectory).every((r) => r.status === 403)).toBe(true);
      expect(requests.filter(isPeople).map((r) => [r.path, r.status])).toEqual([['/v1/people:batchGet', 200]]);
    });

    it('notes that the caller may not read the directory when neither API lets them', async () => {
      const seed: Seed = demoSeed();
      const admin = seed.principals.find((p) => p.token === 'tok-admin');
      if (admin) admin.scopes = [...ADMIN_SCOPES];
      h = await startHarness(seed);
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
      expect(sheetValues(h, 'Finance').map((r) => r[0])).toEqual(['Name', 'users/1002', 'users/1004']);
      expect(notes(h, 'Finance')).toEqual([
        expect.stringMatching(/may not read the organisation's directory/),
        expect.stringMatching(/may not read the organisation's directory/),
      ]);
      // Nothing cached: a permission granted later is used on the next load.
      expect([...h.env.sim.caches.user(ADA).entries.keys()].filter((k) => k.startsWith(CACHE_PREFIX))).toEqual([]);
      expectNoTokenAnywhere(h);
    });
  });

  describe('the time limit', () => {
    it('stops looking up in time, keeps the names found, and looks up the rest on the next load', async () => {
      // Slow answers (30 s each) on a fast clock: the 3 minutes for lookups end after about six waves of 40.
      h = await startHarness(seedWithAllHandsOf(400), { timeScale: 100 });
      await h.control.config({ latencyMs: 30_000 });
      h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands', { admin: true }));
      const rows = sheetValues(h, 'All hands').slice(1);
      const asIds = rows.filter((r) => r[0]?.startsWith('users/'));
      expect(asIds.length).toBeGreaterThan(0);
      expect(asIds.length).toBeLessThan(400);
      const left = notes(h, 'All hands').filter(Boolean);
      expect(left).toHaveLength(asIds.length);
      expect(new Set(left)).toEqual(new Set([expect.stringMatching(/Apps Script's time limit.*Refresh members/)]));

      await h.control.config({ latencyMs: 0 });
      await h.control.clearRequests();
      h.env.sim.as(ADA, () => h.bundle.run('refreshMembers'));
      // Only the people not found the first time are asked for: the others come from the cache.
      expect((await lookups(h)).filter(isDirectory)).toHaveLength(asIds.length);
      expect(sheetValues(h, 'All hands').filter((r) => r[0]?.startsWith('users/'))).toEqual([]);
      expect(notes(h, 'All hands').filter(Boolean)).toEqual([]);
    });
  });

  describe('user access and the Chat app (People API)', () => {
    const keyFile = JSON.stringify({
      type: 'service_account',
      project_id: 'demo-project',
      client_email: DEMO_SERVICE_ACCOUNT,
      // The file starts with a warning that it is a local-demo key; the PEM block follows.
      private_key: readFileSync(join(ROOT, 'tools/emulator/demo-app-key.pem'), 'utf8').replace(
        /^[\s\S]*?(?=-----BEGIN)/,
        '',
      ),
      token_uri: 'https://oauth2.googleapis.com/token',
    });
    const appSpace = 'spaces/AAAAReleaseBots';
    const loadAsApp = (space = appSpace) =>
      h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', space, { app: true }) as { sheetName: string });

    /** The demo seed, with an app-created space of 150 more people (Alice its Owner). */
    function seedWithBigAppSpace(): Seed {
      const seed = demoSeed();
      seed.spaces.push({
        name: 'spaces/AAAABigApp',
        displayName: 'Big app space',
        spaceType: 'SPACE',
        createdByApp: 'users/app-roles',
        memberships: [
          { member: 'users/app-roles' },
          { member: 'users/1001', role: 'ROLE_MANAGER' },
          ...Array.from({ length: 150 }, (_, i) => ({ member: `users/${5000 + i}` })),
        ],
      });
      return seed;
    }

    it('user access: Chat names everyone the caller shares a space with, so nothing is looked up', async () => {
      h = await startHarness();
      h.env.sim.resetCalls();
      h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
      expect(await lookups(h)).toEqual([]);
      expect(cacheCalls(h)).toEqual({});
      expect(notes(h, 'Launch team').every((n) => n === '')).toBe(true);
    });

    it('as the Chat app (Chat shows apps no profiles): names from People with the person’s own token', async () => {
      // JWT times are checked against the wall clock: a gentle time scale.
      h = await startHarness(demoSeed(), { timeScale: 5 });
      h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile));
      const { sheetName } = loadAsApp();
      expect(sheetValues(h, sheetName).map((r) => r.slice(0, 2))).toEqual([
        ['Name', 'Email'],
        ['Alice Ng', 'alice@example.com'],
        ['Carol Diaz', 'carol@example.com'],
        ['Dan Wu', 'dan@example.com'],
      ]);
      const people = (await lookups(h)).filter(isPeople);
      expect(people).toHaveLength(1);
      expect(people[0]).toMatchObject({
        path: '/v1/people:batchGet',
        principal: 'users/1001',
        status: 200,
        query: { personFields: 'names,emailAddresses', sources: 'READ_SOURCE_TYPE_PROFILE' },
      });
      const url = h.env.sim.http.find((r) => r.url.includes('people:batchGet'))?.url ?? '';
      expect(new URL(url).searchParams.getAll('resourceNames')).toEqual(['people/1001', 'people/1003', 'people/1004']);

      await h.control.clearRequests();
      loadAsApp();
      expect(await lookups(h)).toEqual([]);
      expectNoTokenAnywhere(h);
    });

    it('retries People’s 429 (quota) and splits 151 ids into batchGets UrlFetch accepts', async () => {
      h = await startHarness(seedWithBigAppSpace(), { timeScale: 5 });
      // One batchGet a second: of the batches sent together, all but one are refused at first.
      await h.control.config({ quotas: { peopleReadsPerMinute: 60 } });
      h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile));
      const { sheetName } = loadAsApp('spaces/AAAABigApp');
      const rows = sheetValues(h, sheetName).slice(1);
      expect(rows).toHaveLength(151);
      expect(rows.filter((r) => r[0]?.startsWith('users/'))).toEqual([]);
      expect(notes(h, sheetName).every((n) => n === '')).toBe(true);
      const people = (await lookups(h)).filter(isPeople);
      expect(people.filter((r) => r.status === 429)).not.toEqual([]);
      const sent = h.env.sim.http.filter((r) => r.url.includes('people:batchGet') && r.status === 200);
      const names = sent.flatMap((r) => new URL(r.url).searchParams.getAll('resourceNames'));
      expect(names.sort()).toEqual(
        ['people/1001', ...Array.from({ length: 150 }, (_, i) => `people/${5000 + i}`)].sort(),
      );
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.every((r) => r.url.length <= 2000)).toBe(true);
    });

    it('retries People’s 5xx', async () => {
      h = await startHarness(demoSeed(), { timeScale: 5 });
      h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile));
      const { sheetName } = loadAsApp();
      // Forget the names (the app's token stays cached, so no token exchange meets a fault), then break things.
      const store = h.env.sim.caches.user(ALICE);
      for (const key of [...store.entries.keys()]) if (key.startsWith(CACHE_PREFIX)) store.entries.delete(key);
      await h.control.clearRequests();
      // Seeded: with this seed the Chat call (the member list, as the app) goes through and the first batchGet draws a
      // 5xx (a load as the app makes no other Chat call: it does not read the space with the person's token).
      await h.control.config({ faults: { rate: 0.5, statuses: [500, 503], seed: 26, mode: 'before' } });
      loadAsApp();
      const people = (await lookups(h)).filter(isPeople);
      expect(people.filter((r) => r.status >= 500 && r.fault === 'before')).not.toEqual([]);
      expect(people.at(-1)?.status).toBe(200);
      expect(sheetValues(h, sheetName).map((r) => r[0])).toEqual(['Name', 'Alice Ng', 'Carol Diaz', 'Dan Wu']);
    });
  });

  it('never puts a token in a URL, the sheet, a note, the cache, a property or a log', async () => {
    // Every path at once: found, unknown (note), quota 403 retried, then a reload from the cache.
    const seed: Seed = demoSeed();
    seed.users.push({ name: 'users/7777', displayName: 'Guest Person', type: 'HUMAN' });
    seed.spaces.find((s) => s.name === 'spaces/AAAAFinance')?.memberships.push({ member: 'users/7777' });
    h = await startHarness(seed);
    await h.control.config({ quotas: { directoryReadsPerMinute: 60 } });
    h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
    h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
    const directory = (await h.control.requests()).filter(isDirectory);
    expect(directory.map((r) => r.status)).toEqual(expect.arrayContaining([200, 403, 404]));
    expect(h.env.sim.http.filter((r) => isDirectoryUrl(r.url)).every((r) => !r.url.includes('tok-'))).toBe(true);
    expectNoTokenAnywhere(h);
    expect(JSON.stringify(await h.control.requests())).not.toMatch(/tok-/);
  });
});

const isDirectoryUrl = (url: string) => url.startsWith('https://admin.googleapis.com/');
