import { demoSeed } from '../../tools/emulator/demo-seed';
import {
  ALICE,
  type Harness,
  patches,
  rowOf,
  serverRole,
  sheetCalls,
  sheetValues,
  startHarness,
  TOKENS,
} from '../support/harness';

const LAUNCH = 'Launch team';
describe('hostile and odd input', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
  });
  afterEach(() => h.stop());

  const cell = (a1: string, title = LAUNCH) => String(h.env.spreadsheet.getSheetByName(title)?.getRange(a1).getValue());
  const applyAll = () => {
    h.env.sim.ui.answerAlert('YES');
    return h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
  };

  it.each([
    ['a number', '3', /"3" is not a role/],
    ['a boolean', 'TRUE', /"true" is not a role/i],
    ['a very long string', 'x'.repeat(50_000), /"x{30,}…" is not a role/],
    ['a formula', '=1+1', /is not a role/],
    ['an empty cell', '', /an empty cell is not a role/],
  ])('refuses %s typed as a role, and puts the role back', async (_what, typed, reason) => {
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    await h.control.clearRequests();
    const r = rowOf(h, LAUNCH, 'carol@example.com');
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, typed, { paste: true });
    expect(cell(`E${r}`)).toBe('Member');
    expect(cell(`F${r}`)).toMatch(reason);
    expect(cell(`F${r}`).length).toBeLessThan(200);
    expect(await patches(h)).toEqual([]);
  });

  it.each([
    ['a path traversal', 'spaces/AAAALaunch/members/../../spaces/AAAAFinance/members/1004'],
    ["another space's member", 'spaces/AAAAFinance/members/1004'],
    ['an empty key', ''],
    ['a URL', 'https://evil.example/v1/spaces/AAAAFinance/members/1004'],
  ])('never sends a request for a tampered key cell (%s): the row is refused until refreshed', async (_what, key) => {
    const r = rowOf(h, LAUNCH, 'carol@example.com');
    // No live editing: tampering then a role change, both left for bulk apply to find.
    h.env.sim.userEdit(ALICE, LAUNCH, `G${r}`, key, { paste: true });
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Owner', { paste: true });
    await h.control.clearRequests();
    applyAll();
    expect(await patches(h)).toEqual([]);
    expect(cell(`F${r}`)).toMatch(/no longer matches the member it was loaded for .*; press Refresh members/);
    expect(await serverRole(h, 'spaces/AAAAFinance', 'users/1004')).toBe('ROLE_MEMBER');
  });

  it('keeps names and emails that look like formulas, numbers or mentions as text', async () => {
    const seed = demoSeed();
    const odd = [
      '+1 555 0100',
      '-minus',
      '@here',
      '=HYPERLINK("http://x","y")',
      "'quoted",
      '2024-01-02',
      'TRUE',
      '0012',
    ];
    odd.forEach((name, i) => {
      seed.users.push({ name: `users/${9000 + i}`, displayName: name, email: `odd${i}@example.com`, type: 'HUMAN' });
      seed.spaces[0]?.memberships.push({ member: `users/${9000 + i}`, role: 'ROLE_MEMBER' });
    });
    await h.control.reset(seed);
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    const names = sheetValues(h, LAUNCH).map((r) => r[0]);
    for (const name of odd) expect(names).toContain(name);
  });

  it('treats an expired token mid-run as a failure to explain, not to retry', async () => {
    h.env.sim.userEdit(ALICE, LAUNCH, `E${rowOf(h, LAUNCH, 'carol@example.com')}`, 'Manager', { paste: true });
    // Alice's token stops being valid (the emulator no longer knows it).
    const seed = demoSeed();
    seed.principals = seed.principals.filter((p) => p.token !== 'tok-alice');
    await h.control.reset(seed);
    applyAll();
    const r = rowOf(h, LAUNCH, 'carol@example.com');
    expect(cell(`F${r}`)).toMatch(/sign-in has expired/);
    expect(cell(`E${r}`)).toBe('Member');
    expect((await patches(h)).length).toBe(1);
    for (const token of TOKENS) expect(h.env.recorded().filter((s) => s.includes(token))).toEqual([]);
  });

  it('ignores fields the API does not document, at every level', async () => {
    await h.control.config({ responses: { extraFields: true } });
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAADesign'));
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    const r = rowOf(h, 'Design reviews', 'dan@example.com');
    h.env.sim.userEdit(ALICE, 'Design reviews', `E${r}`, 'Manager', { paste: true });
    expect(cell(`F${r}`, 'Design reviews')).toMatch(/^✓ Now Manager/);
    expect(h.env.recorded().filter((s) => s.includes('undocumentedField'))).toEqual([]);
  });

  it('refuses a malformed answer from Chat with a clear message and changes nothing', async () => {
    await h.control.config({ responses: { malformed: true } });
    const before = h.env.spreadsheet.getSheets().map((s) => s.getName());
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAADesign'))).toThrow(
      /Could not read the space: .*not valid JSON/,
    );
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('listSpaces'))).toThrow(
      /Could not list your spaces: .*not valid JSON/,
    );
    expect(h.env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(before);
  });

  it('refuses a 10,000-row paste of nonsense with a constant number of sheet calls and no request', async () => {
    const seed = demoSeed();
    const big = seed.spaces.find((s) => s.name === 'spaces/AAAAAllHands');
    for (let i = 2500; i < 9_999; i++) {
      seed.users.push({
        name: `users/${5000 + i}`,
        displayName: `Employee ${i + 1}`,
        email: `employee${i + 1}@example.com`,
        type: 'HUMAN',
      });
      big?.memberships.push({ member: `users/${5000 + i}`, role: 'ROLE_MEMBER' });
    }
    await h.control.reset(seed);
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands'));
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    await h.control.clearRequests();
    h.env.sim.resetCalls();
    h.env.sim.userEdit(
      ALICE,
      'All hands',
      'E2:E10001',
      Array.from({ length: 10_000 }, () => ['Chief']),
    );
    expect(sheetCalls(h)).toBeLessThan(40);
    expect(await patches(h)).toEqual([]);
    const rows = sheetValues(h, 'All hands').slice(1);
    expect(rows).toHaveLength(10_000);
    expect(rows.every((r) => r[4] === 'Member' || r[4] === 'Owner')).toBe(true);
    expect(rows.every((r) => /"Chief" is not a role/.test(r[5] ?? ''))).toBe(true);
  });
});
