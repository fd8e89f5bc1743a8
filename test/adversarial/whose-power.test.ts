/**
 * Issue 10, cases 1 and 2: a change goes out with a person's rights only if they typed it or saw it — space, member,
 * old role → new role, and who typed it — in a confirmation they accepted; and exactly that confirmed plan is applied.
 */

import { ALICE, BOB, CAROL, type Harness, serverRole, startHarness } from '../support/harness';
import {
  ADA,
  apply,
  BOB_ID,
  CAROL_ID,
  DAN_ID,
  FINANCE,
  key,
  LAUNCH,
  lastDialog,
  loadAs,
  row,
  status,
  writes,
} from './support';

describe('whose power a change uses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it("an admin sheet: Carol's edit is named as hers, and sent with admin access only after the admin says yes", async () => {
    loadAs(h, ADA, 'spaces/AAAAFinance', { admin: true, live: true });
    const dan = row(h, FINANCE, key('Finance', DAN_ID));
    h.env.sim.userEdit(CAROL, FINANCE, `E${dan}`, 'Owner');
    // The Status tells everyone the truth: who typed it, and that it waits for someone to review it.
    expect(status(h, FINANCE, dan)).toMatch(/^⏳ .*(Carol Diaz|carol@example\.com)/);
    expect(status(h, FINANCE, dan)).not.toMatch(/only (she|they) can apply/);
    await h.control.clearRequests();

    apply(h, ADA, 'NO');
    const shown = lastDialog(h);
    expect(shown.prompt).toMatch(/Finance · Dan Wu: Member → Owner \(typed by (Carol Diaz|carol@example\.com)\)/);
    expect(shown.prompt).toMatch(/Workspace admin/);
    expect(await writes(h)).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAAFinance', 'users/1004')).toBe('ROLE_MEMBER');

    apply(h, ADA, 'YES');
    const sent = await writes(h);
    expect(sent.map((p) => [p.path, p.query.useAdminAccess, p.principal, p.status])).toEqual([
      ['/v1/spaces/AAAAFinance/members/1004', 'true', 'users/1900', 200],
    ]);
  });

  it('an admin sheet with changes by the admin and by Carol: "No" applies only what the admin typed', async () => {
    loadAs(h, ADA, 'spaces/AAAALaunch', { admin: true });
    // Bob's live-editing trigger sees every edit and records who made it (it applies only Bob's own).
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const dan = row(h, LAUNCH, key('Launch', DAN_ID));
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    h.env.sim.userEdit(ADA, LAUNCH, `E${dan}`, 'Manager');
    h.env.sim.userEdit(CAROL, LAUNCH, `E${carol}`, 'Owner');
    await h.control.clearRequests();

    apply(h, ADA, 'NO');
    const shown = lastDialog(h);
    expect(shown.buttons).toBe('YES_NO_CANCEL');
    expect(shown.prompt).toMatch(/Dan Wu: Member → Manager \(typed by you\)/);
    expect(shown.prompt).toMatch(/Carol Diaz: Member → Owner \(typed by Carol Diaz\)/);
    const sent = await writes(h);
    expect(sent.map((p) => [p.path, p.query.useAdminAccess, p.status])).toEqual([
      ['/v1/spaces/AAAALaunch/members/1004', 'true', 200],
    ]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    expect(status(h, LAUNCH, carol)).toMatch(/^⏳ .*Carol Diaz/);
  });

  it("a user sheet: Bob's edit of his own row is shown as his before Alice's Apply can send it", async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch', { live: true });
    const bob = row(h, LAUNCH, key('Launch', BOB_ID));
    h.env.sim.userEdit(BOB, LAUNCH, `E${bob}`, 'Owner');
    expect(status(h, LAUNCH, bob)).toMatch(/^⏳ .*Bob Ortiz/);
    await h.control.clearRequests();
    apply(h, ALICE, 'NO');
    expect(lastDialog(h).prompt).toMatch(/Launch team · Bob Ortiz: Manager → Owner \(typed by Bob Ortiz\)/);
    expect(await writes(h)).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1002')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  it('an edit whose author the add-on could not see is shown as typed by someone unknown', async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    h.env.sim.userEdit(BOB, LAUNCH, `E${carol}`, 'Manager', { paste: true });
    apply(h, ALICE, 'NO');
    expect(lastDialog(h).prompt).toMatch(/Carol Diaz: Member → Manager \(typed by someone unknown\)/);
  });
});

describe('exactly the confirmed plan', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    loadAs(h, ALICE, 'spaces/AAAALaunch');
  });
  afterEach(() => h.stop());

  it('a row edited while the confirmation is open is not applied, and says why', async () => {
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    const dan = row(h, LAUNCH, key('Launch', DAN_ID));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Manager', { paste: true });
    await h.control.clearRequests();
    apply(h, ALICE, 'YES', () => h.env.sim.userEdit(BOB, LAUNCH, `E${dan}`, 'Owner', { paste: true }));
    expect(lastDialog(h).prompt).not.toMatch(/Dan Wu/);
    expect((await writes(h)).map((p) => p.path)).toEqual(['/v1/spaces/AAAALaunch/members/1003']);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_MEMBER');
    expect(status(h, LAUNCH, dan)).toMatch(/^⏳ .*confirmation/);
  });

  it('a confirmed row changed to another role while the dialog is open is sent neither way', async () => {
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Manager', { paste: true });
    await h.control.clearRequests();
    apply(h, ALICE, 'YES', () => h.env.sim.userEdit(BOB, LAUNCH, `E${carol}`, 'Owner', { paste: true }));
    expect(await writes(h)).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    expect(status(h, LAUNCH, carol)).toMatch(/^⏳ .*confirmation/);
  });
});
