import { demoSeed, LARGE_SPACE_MEMBERS } from '../../tools/emulator/demo-seed';
import type { Seed } from '../../tools/emulator/seed';
import { ALICE, type Harness, sheetCalls, sheetValues, startHarness } from '../support/harness';

describe('sidebar: listing spaces and loading members', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('lists the named spaces the user is in, with member counts, over every page', async () => {
    // 60 more spaces so the list takes more than one page at the API's page size.
    const seed = demoSeed();
    for (let i = 0; i < 60; i++) {
      seed.spaces.push({
        name: `spaces/EXTRA${i}`,
        displayName: `Extra ${String(i).padStart(2, '0')}`,
        spaceType: 'SPACE',
        memberships: [{ member: 'users/1001', role: 'ROLE_MEMBER' }],
      });
    }
    await h.control.reset(seed);
    const spaces = h.env.sim.as(ALICE, () => h.bundle.run('listSpaces')) as {
      name: string;
      displayName: string;
      memberCount: number;
    }[];
    const mine = seed.spaces.filter(
      (s) =>
        (s.spaceType ?? 'SPACE') === 'SPACE' &&
        s.memberships.some((m) => m.member === 'users/1001' && (m.state ?? 'JOINED') === 'JOINED'),
    );
    expect(spaces).toHaveLength(mine.length);
    expect(mine.length).toBeGreaterThan(60);
    expect(spaces.find((s) => s.name === 'spaces/AAAALaunch')).toEqual({
      name: 'spaces/AAAALaunch',
      displayName: 'Launch team',
      memberCount: 5,
    });
    expect(spaces.map((s) => s.name)).not.toContain('spaces/AAAAGroupChat');
    expect(spaces.map((s) => s.name)).not.toContain('spaces/AAAAFinance');
  });

  it('loads a space into its own sheet: header, UI role names, hidden keys, text values, dropdown', () => {
    const result = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    expect(result).toMatchObject({ sheetName: 'Launch team', members: 7 });
    const rows = sheetValues(h, 'Launch team');
    expect(rows[0]?.slice(0, 6)).toEqual(['Name', 'Email', 'Type', 'State', 'Role', 'Status']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[6], r[7]])).toEqual([
      ['Alice Ng', 'Person', 'Joined', 'Owner', 'spaces/AAAALaunch/members/1001', 'ROLE_MANAGER'],
      ['Bob Ortiz', 'Person', 'Joined', 'Manager', 'spaces/AAAALaunch/members/1002', 'ROLE_ASSISTANT_MANAGER'],
      ['Carol Diaz', 'Person', 'Joined', 'Member', 'spaces/AAAALaunch/members/1003', 'ROLE_MEMBER'],
      ['Dan Wu', 'Person', 'Joined', 'Member', 'spaces/AAAALaunch/members/1004', 'ROLE_MEMBER'],
      ['Erin Kim', 'Person', 'Invited', 'Member', 'spaces/AAAALaunch/members/1005', 'ROLE_MEMBER'],
      ['Standup Bot', 'Chat app', 'Joined', 'Member', 'spaces/AAAALaunch/members/2001', 'ROLE_MEMBER'],
      ['groups/eng', 'Google Group', 'Joined', '', 'spaces/AAAALaunch/members/eng', ''],
    ]);
    const sheet = h.env.spreadsheet.getSheetByName('Launch team');
    expect(sheet?.getFrozenRows()).toBe(1);
    expect([7, 8, 9].every((c) => sheet?.isColumnHiddenByUser(c))).toBe(true);
    expect([1, 2, 3, 4, 5, 6].some((c) => sheet?.isColumnHiddenByUser(c))).toBe(false);
    const rule = sheet?.getRange('E2').getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toEqual(['Member', 'Manager', 'Owner']);
    expect(h.env.spreadsheet.getActiveSheet().getName()).toBe('Launch team');
  });

  it('keeps a formula-looking name as text', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAADesign'));
    const sam = sheetValues(h, 'Design reviews').find((r) => r[1] === 'sam@example.com');
    expect(sam?.[0]).toBe('=SUM(1,2) Sam');
    expect(
      h.env.spreadsheet.getSheetByName('Design reviews')?.getRange('A1:A10').getFormulas().flat().filter(Boolean),
    ).toEqual([]);
  });

  it('finds the sheet again by metadata after a rename, and reloads into it', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    h.env.spreadsheet.getSheetByName('Launch team')?.setName('My team');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    expect(h.env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(['My team']));
    expect(h.env.spreadsheet.getSheetByName('Launch team')).toBeNull();
  });

  it('writes 10,000 members with the same number of SpreadsheetApp calls as 2,501', async () => {
    h.env.sim.resetCalls();
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands'));
    const smaller = sheetCalls(h);
    const first = h.env.spreadsheet.getSheetByName('All hands');
    if (first) h.env.spreadsheet.deleteSheet(first);

    const seed: Seed = demoSeed();
    const big = seed.spaces.find((s) => s.name === 'spaces/AAAAAllHands');
    for (let i = LARGE_SPACE_MEMBERS; i < 9_999; i++) {
      seed.users.push({
        name: `users/${5000 + i}`,
        displayName: `Employee ${i + 1}`,
        email: `employee${i + 1}@example.com`,
        type: 'HUMAN',
      });
      big?.memberships.push({ member: `users/${5000 + i}`, role: 'ROLE_MEMBER' });
    }
    await h.control.reset(seed);
    h.env.sim.resetCalls();
    const result = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands')) as { members: number };
    expect(result.members).toBe(10_000);
    expect(sheetCalls(h)).toBe(smaller);
    expect(sheetCalls(h)).toBeLessThan(40);
    // The space, then ten pages of 1,000: the list is fetched at the largest page size the API allows.
    expect(h.env.calls['UrlFetchApp.fetch']).toBe(11);
    expect(sheetValues(h, 'All hands')).toHaveLength(10_001);
  });

  it('refuses a malformed space name without calling Chat', async () => {
    await h.control.clearRequests();
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/../x'))).toThrow(/not a Chat space name/);
    expect(await h.control.requests()).toEqual([]);
  });

  it('reports a space the user cannot see in plain words', () => {
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance'))).toThrow(
      /Could not read the space: not found/,
    );
  });
});
