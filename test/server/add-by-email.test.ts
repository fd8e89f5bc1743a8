import { ALICE, BOB, type Harness, serverRole, sheetValues, startHarness } from '../support/harness';

const LAUNCH = 'Launch team';

describe('rows added by email', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAADesign'));
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
  });
  afterEach(() => h.stop());

  const nextRow = () => sheetValues(h, LAUNCH).length + 1;
  const status = (r: number) => String(h.env.spreadsheet.getSheetByName(LAUNCH)?.getRange(`F${r}`).getValue());

  it('fills in a member typed by email and applies the role typed with it (live editing)', async () => {
    // Dan is a member; remove his row first so he can be "added" back by email.
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    const seedRow = sheetValues(h, LAUNCH).findIndex((r) => r[1] === 'dan@example.com') + 1;
    h.env.spreadsheet.getSheetByName(LAUNCH)?.deleteRow(seedRow);
    const r = nextRow();
    h.env.sim.userEdit(ALICE, LAUNCH, `B${r}`, 'dan@example.com');
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Manager', { paste: true });
    const row = sheetValues(h, LAUNCH)[r - 1];
    expect(row?.slice(0, 5)).toEqual(['Dan Wu', 'dan@example.com', 'Person', 'Joined', 'Manager']);
    expect(row?.[6]).toBe('spaces/AAAALaunch/members/1004');
    expect(status(r)).toMatch(/^✓ Now Manager/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_ASSISTANT_MANAGER');
    const lookup = (await h.control.requests()).find(
      (q) => q.method === 'GET' && q.path.endsWith('/members/dan%40example.com'),
    );
    expect(lookup?.status).toBe(200);
  });

  it('says clearly when the person is not a member (adding people is not in scope)', async () => {
    const r = nextRow();
    h.env.sim.userEdit(ALICE, LAUNCH, `B${r}:E${r}`, [['sam@example.com', '', '', 'Owner']]);
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(status(r)).toMatch(/not a member of this space/);
    expect((await h.control.requests()).filter((q) => q.method === 'PATCH')).toEqual([]);
  });

  it('refuses a typed row without an email, or for someone already listed', () => {
    const r = nextRow();
    h.env.sim.userEdit(ALICE, LAUNCH, `A${r}:E${r + 1}`, [
      ['Somebody', '', '', '', 'Manager'],
      ['', 'carol@example.com', '', '', 'Owner'],
    ]);
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(status(r)).toMatch(/type the person's email/);
    expect(status(r + 1)).toMatch(/already has a row/);
  });

  it('shows typed rows in the dry run without looking anyone up', async () => {
    const r = nextRow();
    h.env.sim.userEdit(ALICE, LAUNCH, `B${r}:E${r}`, [['dan@example.com', '', '', 'Manager']]);
    await h.control.clearRequests();
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Preview pending changes (dry run)'));
    expect(sheetValues(h, 'Preview').slice(1)).toContainEqual([
      LAUNCH,
      'dan@example.com',
      '',
      '',
      'Manager',
      expect.stringMatching(/looked up by email/),
    ]);
    expect(await h.control.requests()).toEqual([]);
  });

  it("does not look up another editor's typed row with the trigger owner's token", async () => {
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    await h.control.clearRequests();
    const r = nextRow();
    h.env.sim.userEdit(BOB, LAUNCH, `B${r}:E${r}`, [['dan@example.com', '', '', 'Manager']]);
    expect(await h.control.requests()).toEqual([]);
  });
});
