import { demoSeed } from '../../tools/emulator/demo-seed';
import { BOB, type Harness, rowOfKey, serverRole, sheetValues, startHarness } from '../support/harness';

/** Whether Managers may manage members is a per-space setting the add-on cannot see: Chat decides, the row says so. */
describe('Manager rights set per space', () => {
  let h: Harness;
  afterEach(() => h.stop());

  async function bobPromotesCarol(managersMayManage: boolean): Promise<string> {
    const seed = demoSeed();
    const launch = seed.spaces.find((s) => s.name === 'spaces/AAAALaunch');
    if (!launch) throw new Error('no Launch team in the demo seed');
    launch.permissionSettings = {
      manageMembersAndGroups: { managersAllowed: true, assistantManagersAllowed: managersMayManage },
    };
    h = await startHarness(seed);
    h.env.sim.as(BOB, () => {
      h.bundle.run('loadSpace', 'spaces/AAAALaunch');
      h.bundle.run('setLiveEditing', true);
    });
    const row = rowOfKey(h, 'Launch team', 'spaces/AAAALaunch/members/1003');
    h.env.sim.userEdit(BOB, 'Launch team', `E${row}`, 'Manager');
    return sheetValues(h, 'Launch team')[row - 1]?.[5] ?? '';
  }

  it('a space that lets only Owners manage members: the change is sent, and Chat’s refusal is shown plainly', async () => {
    const status = await bobPromotesCarol(false);
    // One sentence in the Status; Chat's own words (English, technical) go to the Audit sheet's Error message.
    expect(status).toBe('✗ Failed: Google Chat did not allow this with the access used');
    const audit = sheetValues(h, 'Audit').at(-1) ?? [];
    expect(audit[9]).toMatch(/only owners manage members/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    const patches = (await h.control.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.status)).toEqual([403]);
  });

  it('a space that lets Managers manage members: the same edit is applied', async () => {
    const status = await bobPromotesCarol(true);
    expect(status).toMatch(/^✓ Now Manager/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
  });
});
