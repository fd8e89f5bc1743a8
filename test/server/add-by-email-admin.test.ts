import { type Harness, sheetValues, startHarness } from '../support/harness';

const ADMIN = 'ada.admin@example.com';
const LAUNCH = 'Launch team';

/** On an admin sheet the email alias (documented for user authentication) is not used: email → id, then members/{id}. */
describe('rows added by email on an admin sheet', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ADMIN, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch', { admin: true }));
  });
  afterEach(() => h.stop());

  const status = (r: number) => String(h.env.spreadsheet.getSheetByName(LAUNCH)?.getRange(`F${r}`).getValue());

  function addRowAndApply(email: string): number {
    const seedRow = sheetValues(h, LAUNCH).findIndex((row) => row[1] === email) + 1;
    if (seedRow > 0) h.env.spreadsheet.getSheetByName(LAUNCH)?.deleteRow(seedRow);
    const r = sheetValues(h, LAUNCH).length + 1;
    h.env.sim.userEdit(ADMIN, LAUNCH, `B${r}:E${r}`, [[email, '', '', 'Manager']]);
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ADMIN, () => h.bundle.clickMenu('Apply pending role changes'));
    return r;
  }

  it('looks the email up in the Directory, then reads the membership by id', async () => {
    await h.control.clearRequests();
    const r = addRowAndApply('dan@example.com');
    expect(sheetValues(h, LAUNCH)[r - 1]?.[6]).toBe('spaces/AAAALaunch/members/1004');
    expect(status(r)).toMatch(/^✓ Now Manager/);
    const paths = (await h.control.requests()).map((q) => q.path);
    expect(paths).toContain('/admin/directory/v1/users/dan%40example.com');
    expect(paths).toContain('/v1/spaces/AAAALaunch/members/1004');
    expect(paths.filter((p) => p.includes('/members/dan'))).toEqual([]);
  });

  it('someone in the directory but not in the space: "not a member"', () => {
    expect(status(addRowAndApply('sam@example.com'))).toMatch(/not a member of this space/);
  });

  it('an email nobody has: says so, and does not claim they are not a member', () => {
    const text = status(addRowAndApply('nobody@example.com'));
    expect(text).toMatch(/no one with this email is in the organisation's directory/);
    expect(text).not.toMatch(/not a member/);
  });
});
