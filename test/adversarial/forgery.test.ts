/**
 * Issue 10, cases 3–5: a co-editor's own script forges the sheet's binding (DOCUMENT metadata, copies), a row's
 * identity (hidden cells) or the Audit sheet. None of it may steer a write.
 */

import { ALICE, BOB, CAROL, type Harness, serverRole, startHarness } from '../support/harness';
import { asAttacker, MEMBER_SHEET_KEY } from './attacker';
import {
  ADA,
  apply,
  BOB_ID,
  CAROL_ID,
  cells,
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

const forgedBinding = JSON.stringify({
  space: 'spaces/AAAAFinance',
  spaceType: 'SPACE',
  title: 'Finance',
  access: 'admin',
});

describe('forged binding', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it('DOCUMENT metadata pointing a sheet at another space and admin access steers nothing', async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    const dan = row(h, LAUNCH, key('Launch', DAN_ID));
    asAttacker(h, CAROL, (s) => {
      const sheet = s.sheet(LAUNCH);
      for (const md of sheet.getDeveloperMetadata()) md.setValue(forgedBinding);
      sheet.addDeveloperMetadata(MEMBER_SHEET_KEY, forgedBinding);
      // A new sheet that claims to be the Finance admin sheet, with Dan's Finance row asking for Owner.
      const fake = s.ss.insertSheet('Payroll');
      fake.addDeveloperMetadata(MEMBER_SHEET_KEY, forgedBinding);
      fake.getRange(1, 1, 2, 9).setValues([
        ['Name', 'Email', 'Type', 'State', 'Role', 'Status', 'Membership (key)', 'Server role (key)', 'Snapshot (key)'],
        ['Dan Wu', 'dan@example.com', 'Person', 'Joined', 'Owner', '', key('Finance', DAN_ID), 'ROLE_MEMBER', ''],
      ]);
      s.write(LAUNCH, `E${dan}`, 'Owner');
    });
    await h.control.clearRequests();
    apply(h, ADA, 'YES');
    const sent = await writes(h);
    expect(sent.filter((p) => p.path.includes('AAAAFinance'))).toEqual([]);
    expect(sent.filter((p) => p.query.useAdminAccess !== undefined)).toEqual([]);
    expect(lastDialog(h).prompt).not.toMatch(/Finance/);
    expect(await serverRole(h, 'spaces/AAAAFinance', 'users/1004')).toBe('ROLE_MEMBER');
  });

  it.each([
    ['keeps', true],
    ['drops', false],
  ])('a copy of an admin sheet (the copy %s developer metadata) drives no write', async (_what, keep) => {
    h.env.sim.setSheetCopiesKeepMetadata(keep);
    loadAs(h, ADA, 'spaces/AAAAFinance', { admin: true });
    asAttacker(h, CAROL, (s) => {
      const copy = s.sheet(FINANCE).copyTo(s.ss);
      copy.setName('Finance copy');
      s.write('Finance copy', `E${row(h, FINANCE, key('Finance', DAN_ID))}`, 'Owner');
    });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ADA, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(await writes(h)).toEqual([]);
    expect(lastDialog(h).prompt).toMatch(/no pending role changes/i);
  });

  it('a renamed sheet still writes to the space it was loaded for', async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    asAttacker(h, BOB, (s) => s.sheet(LAUNCH).setName('Finance'));
    h.env.sim.userEdit(ALICE, 'Finance', `E${carol}`, 'Manager', { paste: true });
    await h.control.clearRequests();
    apply(h, ALICE, 'YES');
    expect((await writes(h)).map((p) => p.path)).toEqual(['/v1/spaces/AAAALaunch/members/1003']);
  });
});

describe('forged row identity', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    loadAs(h, ALICE, 'spaces/AAAALaunch', { live: true });
    await h.control.clearRequests();
  });
  afterEach(() => h.stop());

  it("Dan's hidden cells pasted under Carol's name: the row is refused, nothing is sent", async () => {
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    const dan = row(h, LAUNCH, key('Launch', DAN_ID));
    asAttacker(h, BOB, (s) => {
      const hidden = s.row(LAUNCH, dan).slice(6, 9);
      s.sheet(LAUNCH).getRange(carol, 7, 1, 3).setValues([hidden]);
    });
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Owner');
    expect(await writes(h)).toEqual([]);
    expect(cells(h, LAUNCH, carol)[0]).toBe('Carol Diaz');
    expect(status(h, LAUNCH, carol)).toMatch(/^✗ Not changed: .*Refresh members/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_MEMBER');
  });

  it('a hand-made snapshot that agrees with the forged key cells is refused too', async () => {
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    asAttacker(h, BOB, (s) => {
      const snapshot = JSON.stringify({
        n: 'Carol Diaz',
        e: 'carol@example.com',
        t: 'Person',
        s: 'Joined',
        k: key('Launch', DAN_ID),
        r: 'ROLE_MEMBER',
      });
      s.sheet(LAUNCH)
        .getRange(carol, 7, 1, 3)
        .setValues([[key('Launch', DAN_ID), 'ROLE_MEMBER', snapshot]]);
    });
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Owner');
    expect(await writes(h)).toEqual([]);
    expect(status(h, LAUNCH, carol)).toMatch(/^✗ Not changed/);
  });

  it("a pasted snapshot is never used to 'put back' another member's identity", async () => {
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    const dan = row(h, LAUNCH, key('Launch', DAN_ID));
    asAttacker(h, BOB, (s) => {
      const snapshot = s.row(LAUNCH, dan)[8] ?? '';
      s.write(LAUNCH, `I${carol}`, snapshot);
    });
    // Carol's own edit of her Name cell makes the trigger put cells back; it must not turn her row into Dan's.
    h.env.sim.userEdit(CAROL, LAUNCH, `A${carol}`, 'Someone else');
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Owner');
    const sent = await writes(h);
    expect(sent.filter((p) => p.path.endsWith('/1004'))).toEqual([]);
  });
});

describe('undo comes from the add-on’s own record, not the Audit sheet', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it("a row appended to the Audit sheet with the run's id does not make its author Owner", async () => {
    loadAs(h, ALICE, 'spaces/AAAALaunch');
    const carol = row(h, LAUNCH, key('Launch', CAROL_ID));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${carol}`, 'Manager', { paste: true });
    apply(h, ALICE, 'YES');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    asAttacker(h, BOB, (s) => {
      const audit = s.ss
        .getSheets()
        .find((sh) => String(sh.getRange(1, 1).getValue()) === 'Time' || /audit/i.test(sh.getName()));
      if (!audit) throw new Error('no audit sheet');
      const last = audit.getLastRow();
      const width = audit.getLastColumn();
      const genuine = audit.getRange(last, 1, 1, width).getValues()[0]?.map(String) ?? [];
      const forged = genuine.map((cell) =>
        cell === key('Launch', CAROL_ID)
          ? key('Launch', BOB_ID)
          : cell === 'Carol Diaz'
            ? 'Bob Ortiz'
            : cell === 'Member'
              ? 'Owner'
              : cell,
      );
      audit.getRange(last + 1, 1, 1, width).setValues([forged]);
    });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Undo last bulk apply'));
    expect(lastDialog(h).prompt).not.toMatch(/Bob/);
    expect((await writes(h)).map((p) => [p.path, p.body])).toEqual([
      ['/v1/spaces/AAAALaunch/members/1003', { role: 'ROLE_MEMBER' }],
    ]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1002')).toBe('ROLE_ASSISTANT_MANAGER');
  });
});
