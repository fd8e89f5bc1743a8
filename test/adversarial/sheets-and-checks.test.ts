/**
 * Issue 10, cases 6–9: the add-on's own sheets are found by what only it can write, never by title; local checks
 * decide from what Chat answered, not from cells; a 200 that does not carry the requested role is not "applied";
 * a deleted header row is never rewritten over a member.
 */

import { demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, BOB, CAROL, type Harness, serverRole, sheetValues, startHarness } from '../support/harness';
import { asAttacker } from './attacker';
import { ALICE_ID, apply, CAROL_ID, cells, key, LAUNCH, loadAs, row, status, writes } from './support';

function seedWithReservedTitles() {
  const seed = demoSeed();
  for (const [id, title] of [
    ['AAAAAudit', 'Audit'],
    ['AAAAPreview', 'Preview'],
  ] as const) {
    seed.spaces.push({
      name: `spaces/${id}`,
      displayName: title,
      spaceType: 'SPACE',
      createTime: '2025-03-01T09:00:00Z',
      memberships: [
        { member: 'users/1001', role: 'ROLE_MANAGER', state: 'JOINED' },
        { member: 'users/1003', role: 'ROLE_MEMBER', state: 'JOINED' },
      ],
    });
  }
  return seed;
}

const titles = (h: Harness) => h.env.spreadsheet.getSheets().map((s) => s.getName());

describe("the add-on's own sheets", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(seedWithReservedTitles());
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it('spaces named "Audit" and "Preview" get member sheets of their own, untouched by a dry run, an apply and a refresh', async () => {
    loadAs(h, ALICE, 'spaces/AAAAAudit');
    loadAs(h, ALICE, 'spaces/AAAAPreview');
    const memberSheets = titles(h);
    expect(memberSheets).not.toContain('Audit');
    expect(memberSheets).not.toContain('Preview');
    const auditSpace = memberSheets.find((t) => t.startsWith('Audit')) as string;
    const previewSpace = memberSheets.find((t) => t.startsWith('Preview')) as string;
    const carolA = row(h, auditSpace, 'spaces/AAAAAudit/members/1003');
    const carolP = row(h, previewSpace, 'spaces/AAAAPreview/members/1003');
    h.env.sim.userEdit(ALICE, auditSpace, `E${carolA}`, 'Manager', { paste: true });
    h.env.sim.userEdit(ALICE, previewSpace, `E${carolP}`, 'Manager', { paste: true });

    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Preview pending changes (dry run)'));
    expect(cells(h, previewSpace, carolP)[4]).toBe('Manager');
    expect(sheetValues(h, previewSpace)).toHaveLength(3);

    apply(h, ALICE, 'YES');
    expect(await serverRole(h, 'spaces/AAAAAudit', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(await serverRole(h, 'spaces/AAAAPreview', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(sheetValues(h, auditSpace)).toHaveLength(3);
    const auditSheet = titles(h).find((t) => !memberSheets.includes(t) && sheetValues(h, t)[0]?.[0] === 'Time');
    expect(auditSheet).toBeDefined();
    const audited = sheetValues(h, auditSheet as string).length;
    expect(audited).toBe(3);

    h.env.sim.as(ALICE, () => h.env.spreadsheet.getSheetByName(auditSpace)?.activate());
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Refresh members'));
    expect(sheetValues(h, auditSheet as string)).toHaveLength(audited);
  });

  it('a member sheet renamed "Audit" by a co-editor does not receive audit rows', async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    asAttacker(h, BOB, (s) => s.sheet(LAUNCH).setName('Audit'));
    const carol = row(h, 'Audit', key('Launch', CAROL_ID));
    h.env.sim.userEdit(ALICE, 'Audit', `E${carol}`, 'Manager', { paste: true });
    const before = sheetValues(h, 'Audit').length;
    apply(h, ALICE, 'YES');
    expect(sheetValues(h, 'Audit')).toHaveLength(before);
    expect(sheetValues(h, 'Audit').every((r) => r[0] !== 'Time')).toBe(true);
  });
});

describe('local checks decide from what Chat answered', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("a Manager's forged server-role cell does not let them make an Owner", async () => {
    h = await startHarness();
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const bob = row(h, LAUNCH, key('Launch', 1002));
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    asAttacker(h, BOB, (s) => s.write(LAUNCH, `H${bob}`, 'ROLE_MANAGER'));
    await h.control.clearRequests();
    h.env.sim.userEdit(BOB, LAUNCH, `E${carol}`, 'Owner');
    expect((await writes(h)).filter((p) => p.status === 200)).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    expect(status(h, LAUNCH, carol)).toMatch(/^✗/);
  });

  it.each([
    ['as loaded', false],
    ['after a co-editor types "Joined" in its State cell', true],
  ])('an invited Owner does not count as keeping the space owned (%s)', async (_what, forge) => {
    const seed = demoSeed();
    const launch = seed.spaces.find((s) => s.name === 'spaces/AAAALaunch');
    const erin = launch?.memberships.find((m) => m.member === 'users/1005');
    if (!erin) throw new Error('seed');
    erin.role = 'ROLE_MANAGER';
    h = await startHarness(seed);
    loadAs(h, ALICE, 'spaces/AAAALaunch', { live: true });
    const erinRow = row(h, LAUNCH, key('Launch', 1005));
    if (forge) asAttacker(h, CAROL, (s) => s.write(LAUNCH, `D${erinRow}`, 'Joined'));
    await h.control.clearRequests();
    const alice = row(h, LAUNCH, key('Launch', ALICE_ID));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${alice}`, 'Manager');
    expect(await writes(h)).toEqual([]);
    expect(status(h, LAUNCH, alice)).toMatch(/at least one Owner/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1001')).toBe('ROLE_MANAGER');
  });
});

describe('what Chat answered', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it('a 200 whose membership does not carry the requested role is reported as not applied', async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch', { live: true });
    await h.control.config({ responses: { patchKeepsRole: true } });
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Manager');
    expect((await writes(h)).map((p) => p.status)).toEqual([200]);
    expect(status(h, LAUNCH, carol)).toMatch(/^✗ .*Member/);
    expect(status(h, LAUNCH, carol)).not.toMatch(/^✓/);
    expect(cells(h, LAUNCH, carol)[4]).toBe('Member');
    const audit = h.env.spreadsheet
      .getSheets()
      .map((s) => s.getDataRange().getValues())
      .find((rows) => rows[0]?.[0] === 'Time');
    expect(audit?.at(-1)?.map(String)).toEqual(expect.arrayContaining(['failed']));
  });
});

describe('the header row', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('after the header row is deleted, an edit in row 1 does not overwrite a member with headers', async () => {
    h = await startHarness();
    loadAs(h, ALICE, 'spaces/AAAALaunch', { live: true });
    asAttacker(h, BOB, (s) => s.sheet(LAUNCH).deleteRow(1));
    const first = sheetValues(h, LAUNCH)[0] ?? [];
    expect(first[0]).not.toBe('Name');
    await h.control.clearRequests();
    h.env.sim.userEdit(ALICE, LAUNCH, 'E1', first[4] === 'Manager' ? 'Member' : 'Manager', { paste: true });
    expect(sheetValues(h, LAUNCH)[0]?.slice(0, 4)).toEqual(first.slice(0, 4));
    expect(sheetValues(h, LAUNCH)[0]?.[6]).toBe(first[6]);
  });
});
