import { demoSeed } from '../../tools/emulator/demo-seed';
import {
  ALICE,
  BOB,
  CAROL,
  type Harness,
  patches,
  rowOf,
  serverRole,
  sheetCalls,
  sheetValues,
  startHarness,
} from '../support/harness';

const LAUNCH = 'Launch team';
/** Loads Launch team as `who` and turns live editing on for them. */
function loadWithLiveEditing(h: Harness, who: string, space = 'spaces/AAAALaunch'): void {
  h.env.sim.as(who, () => {
    h.bundle.run('loadSpace', space);
    h.bundle.run('setLiveEditing', true);
  });
}

describe('live editing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const cell = (title: string, a1: string) => String(h.env.spreadsheet.getSheetByName(title)?.getRange(a1).getValue());
  const row = (who: string, title = LAUNCH) => rowOf(h, title, who);

  it('applies a role edit and shows the result in the row', async () => {
    loadWithLiveEditing(h, ALICE);
    await h.control.clearRequests();
    const r = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^✓ Now Manager/);
    expect(cell(LAUNCH, `H${r}`)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    const sent = await patches(h);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      path: '/v1/spaces/AAAALaunch/members/1003',
      query: { updateMask: 'role' },
      body: { role: 'ROLE_ASSISTANT_MANAGER' },
      principal: 'users/1001',
    });
  });

  it('leaves the sidebar’s “bulk apply finished” line to bulk runs: a live edit’s own Status tells its outcome', async () => {
    loadWithLiveEditing(h, ALICE);
    const r = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^✓ Now Manager/);
    expect(h.env.sim.as(ALICE, () => h.bundle.run('getBulkProgress'))).toEqual({ open: null, lastEnd: null });
  });

  it('reads "owner" as Owner, which the API calls ROLE_MANAGER, and tidies the cell', async () => {
    loadWithLiveEditing(h, ALICE);
    const r = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'owner', { paste: true });
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MANAGER');
    expect(cell(LAUNCH, `E${r}`)).toBe('Owner');
  });

  describe('refuses, puts the role back and says why, without calling Chat', () => {
    it.each([
      ['an unknown role', ALICE, CAROL, 'Boss', /"Boss" is not a role/, 'Member'],
      ['a Chat app', ALICE, 'Standup Bot', 'Manager', /Chat app's role can't be changed/, 'Member'],
      ['a Google Group', ALICE, 'groups/eng', 'Owner', /Google Groups have no role/, ''],
      ['a Manager making an Owner', BOB, CAROL, 'Owner', /Manager can't make someone an Owner/, 'Member'],
      ["a Manager changing an Owner's role", BOB, ALICE, 'Member', /change an Owner's role/, 'Owner'],
      [
        'a Member changing roles',
        CAROL,
        'dan@example.com',
        'Manager',
        /the person applying is a Member here/,
        'Member',
      ],
      ['demoting the last Owner', ALICE, ALICE, 'Manager', /at least one Owner/, 'Owner'],
    ])('%s', async (_what, editor, target, typed, reason, restored) => {
      loadWithLiveEditing(h, editor);
      await h.control.clearRequests();
      const r = row(target);
      h.env.sim.userEdit(editor, LAUNCH, `E${r}`, typed, { paste: true });
      expect(cell(LAUNCH, `E${r}`)).toBe(restored);
      expect(cell(LAUNCH, `F${r}`)).toMatch(reason);
      expect(cell(LAUNCH, `F${r}`)).toMatch(/^✗ Not changed/);
      expect(await patches(h)).toEqual([]);
    });

    it('Manager or Owner in a group chat', async () => {
      loadWithLiveEditing(h, ALICE, 'spaces/AAAAGroupChat');
      const title = h.env.spreadsheet.getActiveSheet().getName();
      await h.control.clearRequests();
      const r = rowOf(h, title, BOB);
      h.env.sim.userEdit(ALICE, title, `E${r}`, 'Manager', { paste: true });
      expect(cell(title, `F${r}`)).toMatch(/only in named spaces/);
      expect(await patches(h)).toEqual([]);
    });
  });

  it('puts the cell back with the API reason when Chat refuses the change', async () => {
    loadWithLiveEditing(h, ALICE);
    // Carol leaves the space after the sheet was loaded.
    const seed = demoSeed();
    const launch = seed.spaces.find((s) => s.name === 'spaces/AAAALaunch');
    if (launch) launch.memberships = launch.memberships.filter((m) => m.member !== 'users/1003');
    await h.control.reset(seed);
    const r = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `E${r}`)).toBe('Member');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^✗ Failed: not found/);
    expect(cell(LAUNCH, `H${r}`)).toBe('ROLE_MEMBER');
  });

  it('shows a permission error from Chat in plain words (the sheet thought Alice was an Owner)', async () => {
    loadWithLiveEditing(h, ALICE);
    const seed = demoSeed();
    const alice = seed.spaces
      .find((s) => s.name === 'spaces/AAAALaunch')
      ?.memberships.find((m) => m.member === 'users/1001');
    const bob = seed.spaces
      .find((s) => s.name === 'spaces/AAAALaunch')
      ?.memberships.find((m) => m.member === 'users/1002');
    if (alice && bob) {
      alice.role = 'ROLE_MEMBER';
      bob.role = 'ROLE_MANAGER';
    }
    await h.control.reset(seed);
    const r = row('dan@example.com');
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `E${r}`)).toBe('Member');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^✗ Failed: Google Chat did not allow this with the access used/);
  });

  it('applies a paste of 50 roles, each exactly once, with few sheet calls', async () => {
    loadWithLiveEditing(h, ALICE, 'spaces/AAAAAllHands');
    await h.control.clearRequests();
    h.env.sim.resetCalls();
    const values = Array.from({ length: 50 }, (_, i) => [i % 2 === 0 ? 'Manager' : 'owner']);
    h.env.sim.userEdit(ALICE, 'All hands', 'E3:E52', values);
    const rows = sheetValues(h, 'All hands').slice(2, 52);
    expect(rows.every((r) => r[5]?.startsWith('✓'))).toBe(true);
    expect(rows.map((r) => r[4])).toEqual(values.map(([v]) => (v === 'owner' ? 'Owner' : 'Manager')));
    // Each member written exactly once; the only other answers allowed are quota refusals, which change nothing.
    const sent = await patches(h);
    const applied = sent.filter((p) => p.status === 200);
    expect(applied).toHaveLength(50);
    expect(new Set(applied.map((p) => p.path)).size).toBe(50);
    expect(sent.filter((p) => p.status !== 200 && p.status !== 429)).toEqual([]);
    const state = await h.control.state();
    const space = state.spaces.find((s) => s.name === 'spaces/AAAAAllHands');
    expect(space?.memberships.filter((m) => m.role === 'ROLE_ASSISTANT_MANAGER')).toHaveLength(25);
    // Reads and writes of whole blocks: the number of sheet calls does not grow with the paste.
    expect(sheetCalls(h)).toBeLessThan(60);
  });

  it('applies a fill-down (multi-cell edit) row by row', async () => {
    loadWithLiveEditing(h, ALICE);
    const first = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${first}:E${first + 1}`, [['Manager'], ['Manager']]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  it("never applies another editor's edit with the trigger owner's token: it stays pending", async () => {
    loadWithLiveEditing(h, ALICE);
    await h.control.clearRequests();
    const r = row('dan@example.com');
    h.env.sim.userEdit(BOB, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `E${r}`)).toBe('Manager');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^⏳ Pending: typed by (Bob Ortiz|bob@example\.com)/);
    expect(await patches(h)).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_MEMBER');
  });

  it('leaves an edit by someone whose email Google hides pending too', async () => {
    loadWithLiveEditing(h, ALICE);
    await h.control.clearRequests();
    const r = row('dan@example.com');
    h.env.sim.userEdit(BOB, LAUNCH, `E${r}`, 'Manager', { hideEmail: true });
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^⏳ Pending: typed by someone unknown/);
    expect(await patches(h)).toEqual([]);
  });

  it("lets each editor's own trigger apply their own edits, with their own token", async () => {
    loadWithLiveEditing(h, ALICE);
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    await h.control.clearRequests();
    const r = row('dan@example.com');
    h.env.sim.userEdit(BOB, LAUNCH, `E${r}`, 'Manager');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^✓ Now Manager/);
    const sent = await patches(h);
    expect(sent.map((p) => p.principal)).toEqual(['users/1002']);
  });

  it('puts back edits outside the Role column, hidden keys included', async () => {
    loadWithLiveEditing(h, ALICE);
    await h.control.clearRequests();
    const r = row(CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `A${r}`, 'Mallory');
    expect(cell(LAUNCH, `A${r}`)).toBe('Carol Diaz');
    expect(cell(LAUNCH, `F${r}`)).toMatch(/^↺ Only the Role column/);
    h.env.sim.userEdit(ALICE, LAUNCH, `G${r}:H${r}`, [['spaces/X/members/../../spaces/Y', 'ROLE_MANAGER']]);
    expect(cell(LAUNCH, `G${r}`)).toBe('spaces/AAAALaunch/members/1003');
    expect(cell(LAUNCH, `H${r}`)).toBe('ROLE_MEMBER');
    expect(await patches(h)).toEqual([]);
  });

  it('turns live editing off again (one trigger per person)', () => {
    loadWithLiveEditing(h, ALICE);
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    expect(h.env.sim.triggers().filter((t) => t.handler === 'onRoleEdit')).toHaveLength(1);
    const state = h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', false)) as { liveEditing: boolean };
    expect(state.liveEditing).toBe(false);
    expect(h.env.sim.triggers().filter((t) => t.handler === 'onRoleEdit')).toHaveLength(0);
  });
});

describe('live editing while another operation holds the lock', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('keeps the edit pending with a Status instead of dropping it', async () => {
    loadWithLiveEditing(h, ALICE);
    await h.control.clearRequests();
    h.env.sim.holdLock('document', { user: BOB });
    const r = rowOf(h, LAUNCH, CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    const sheet = h.env.spreadsheet.getSheetByName(LAUNCH);
    expect(String(sheet?.getRange(`E${r}`).getValue())).toBe('Manager');
    expect(String(sheet?.getRange(`F${r}`).getValue())).toMatch(/^⏳ Pending: another operation was running/);
    expect(await patches(h)).toEqual([]);
  });
});

describe('live editing and Undo last bulk apply', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('does not offer to undo a live edit: Undo undoes bulk applies only', async () => {
    h.bundle.simpleTrigger('onOpen');
    loadWithLiveEditing(h, ALICE);
    const r = rowOf(h, LAUNCH, CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Undo last bulk apply'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toBe('You have no bulk apply to undo in this spreadsheet.');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
  });
});
