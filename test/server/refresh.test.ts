import { demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, type Harness, rowOf, sheetValues, startHarness } from '../support/harness';

describe('refresh members', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
  });
  afterEach(() => h.stop());

  const row = (email: string) => sheetValues(h, 'Launch team').find((r) => r[1] === email);

  it('keeps a pending edit, flags roles changed in Chat, keeps leavers with a note, appends newcomers', async () => {
    h.env.sim.userEdit(ALICE, 'Launch team', `E${rowOf(h, 'Launch team', 'carol@example.com')}`, 'Owner', {
      paste: true,
    });
    h.env.sim.userEdit(ALICE, 'Launch team', `E${rowOf(h, 'Launch team', 'erin@example.com')}`, 'Manager', {
      paste: true,
    });
    // Meanwhile, in Chat: Dan becomes a Manager, Erin leaves, Sam joins.
    const seed = demoSeed();
    const launch = seed.spaces.find((s) => s.name === 'spaces/AAAALaunch');
    if (!launch) throw new Error('seed');
    launch.memberships = launch.memberships
      .filter((m) => m.member !== 'users/1005')
      .map((m) => (m.member === 'users/1004' ? { ...m, role: 'ROLE_ASSISTANT_MANAGER' as const } : m));
    launch.memberships.push({ member: 'users/1006', role: 'ROLE_MEMBER' });
    await h.control.reset(seed);

    h.env.sim.as(ALICE, () => h.env.spreadsheet.getSheetByName('Launch team')?.activate());
    const result = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Refresh members'));
    expect(result).toMatchObject({ drifted: 1, gone: 1, added: 1 });
    // The edit still waits, and says so (written by the simple edit trigger: nobody's live editing is on, so no
    // author was recorded and the Status names none, as the confirmation would not).
    expect(row('carol@example.com')?.slice(4, 8)).toEqual([
      'Owner',
      '⏳ Pending: typed by someone unknown',
      'spaces/AAAALaunch/members/1003',
      'ROLE_MEMBER',
    ]);
    expect(row('dan@example.com')?.[4]).toBe('Manager');
    expect(row('dan@example.com')?.[5]).toBe('⚠ Changed in Chat since the last load: was Member, now Manager');
    expect(row('erin@example.com')?.[5]).toMatch(/No longer in this space \(the change to Manager was not applied\)/);
    expect(row('erin@example.com')?.[4]).toBe('');
    expect(row('sam@example.com')?.[0]).toBe('=SUM(1,2) Sam');
    expect(h.env.sim.ui.toasts.at(-1)?.message).toMatch(/1 changed in Chat, 1 new, 1 left/);
  });

  it('asks for a member sheet when another sheet is active', () => {
    h.env.sim.as(ALICE, () => h.env.spreadsheet.insertSheet('Notes').activate());
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Refresh members'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toMatch(/Open a member sheet/);
  });

  it('tells the user plainly when the lock is held by another operation', () => {
    h.env.sim.holdLock('document', { user: 'bob@example.com' });
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Refresh members'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toMatch(/Another Chat roles operation is running/);
  });
});
