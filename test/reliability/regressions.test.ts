/**
 * Regression tests for the failures the reliability scenarios found, each reduced to a deterministic case:
 * a second Apply while a run waits for its continuation wrote every change twice; a run continued in a later execution
 * overwrote an edit made since; a Role cell typed back to the role in Chat kept a "pending" Status; a PATCH whose answer
 * was lost was reported failed (and its row put back) after its checks used up the change's attempts, although Chat had
 * applied it; a live edit on a Chat-app sheet by someone without the app's key threw, and left a job in their stored
 * run that no later execution of theirs could send.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SERVICE_ACCOUNT, demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, BOB, CAROL, type Harness, openRun, ROOT, rowOfKey, startHarness } from '../support/harness';
import { finish, isEffectiveWrite, reliabilitySeed, spaceName } from './scenarios';

const SPACE = spaceName(0);
const TITLE = 'Reliability 01';
const MEMBERS = 12;
const keyOf = (i: number) => `${SPACE}/members/${100_000 + i}`;
const pathOf = (i: number) => `/v1/${keyOf(i)}`;

async function world(): Promise<Harness> {
  const h = await startHarness(reliabilitySeed(1, MEMBERS));
  const control = h.control;
  h.bundle.simpleTrigger('onOpen');
  h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', SPACE));
  return { ...h, control };
}

function rowOf(h: Harness, i: number): string[] {
  const values = h.env.spreadsheet.getSheetByName(TITLE)?.getDataRange().getValues() ?? [];
  const row = values.find((r) => r[6] === keyOf(i));
  if (!row) throw new Error(`${keyOf(i)} is not in ${TITLE}`);
  return row.map(String);
}

function rowNumber(h: Harness, i: number): number {
  const values = h.env.spreadsheet.getSheetByName(TITLE)?.getDataRange().getValues() ?? [];
  return values.findIndex((r) => r[6] === keyOf(i)) + 1;
}

/** Alice types Manager for every member (no live editing), then applies with a short budget: the run stays open. */
function startShortRun(h: Harness): void {
  for (let i = 0; i < MEMBERS; i++) h.env.sim.userEdit(ALICE, TITLE, `E${rowNumber(h, i)}`, 'Manager', { paste: true });
  // 12 changes in one space take at least 12 s at 1 write/s: a 5-second budget leaves most of them for later.
  h.env.sim.properties.script.values.set('EXECUTION_BUDGET_MS', '5000');
  h.env.sim.ui.answerAlert('YES');
  const first = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
    report: { finished: boolean };
  };
  expect(first.report.finished).toBe(false);
}

async function roleInChat(h: Harness, i: number): Promise<string | undefined> {
  const state = await h.control.state();
  return state.spaces[0]?.memberships.find((m) => m.member === `users/${100_000 + i}`)?.role;
}

describe('a live edit on a sheet loaded as the Chat app, by someone without the app’s key', () => {
  it('fails with the reason in the row, and does not block their later edits', async () => {
    // The demo seed's Release bots was created by the Chat app; Alice loads it as the app with the demo key.
    const h = await startHarness(demoSeed(), { timeScale: 5 });
    try {
      h.bundle.simpleTrigger('onOpen');
      const keyFile = JSON.stringify({
        type: 'service_account',
        project_id: 'demo-project',
        client_email: DEMO_SERVICE_ACCOUNT,
        private_key: readFileSync(join(ROOT, 'tools/emulator/demo-app-key.pem'), 'utf8').replace(
          /^[\s\S]*?(?=-----BEGIN)/,
          '',
        ),
        token_uri: 'https://oauth2.googleapis.com/token',
      });
      h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile));
      const app = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAReleaseBots', { app: true })) as {
        sheetName: string;
      };
      h.env.sim.as(BOB, () => {
        h.bundle.run('loadSpace', 'spaces/AAAALaunch');
        h.bundle.run('setLiveEditing', true);
      });
      const dan = rowOfKey(h, app.sheetName, 'spaces/AAAAReleaseBots/members/1004');
      // Bob's own trigger handles his edit; it used to throw, and leave an unsendable job in his stored run.
      const edit = h.env.sim.userEdit(BOB, app.sheetName, `E${dan}`, 'Manager', { throwOnError: false });
      // Two runs: the simple onEdit (it returns at once: live editing is on) and Bob's own trigger.
      expect(edit.runs.map((r) => r.error)).toEqual([null, null]);
      const row = h.env.spreadsheet.getSheetByName(app.sheetName)?.getRange(`E${dan}:F${dan}`).getValues()[0];
      expect(row?.map(String)).toEqual([
        'Member',
        '✗ Failed: No service-account key is stored: add the Chat app’s key in the sidebar first.',
      ]);
      expect(openRun(h, BOB)).toBeNull();
      // His next edit, on a sheet loaded with his own access, is applied.
      await h.control.clearRequests();
      const carol = rowOfKey(h, 'Launch team', 'spaces/AAAALaunch/members/1003');
      h.env.sim.userEdit(BOB, 'Launch team', `E${carol}`, 'Manager');
      expect((await h.control.requests()).filter(isEffectiveWrite).map((r) => [r.path, r.principal])).toEqual([
        ['/v1/spaces/AAAALaunch/members/1003', 'users/1002'],
      ]);
    } finally {
      await h.stop();
    }
  });
});

describe('reliability regressions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await world();
  });
  afterEach(() => h.stop());

  it('sends nothing twice when Apply pending role changes is pressed again while a run waits for its continuation', async () => {
    await h.control.clearRequests();
    startShortRun(h);
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    finish(h);
    const writes = (await h.control.requests()).filter(isEffectiveWrite);
    expect(writes.map((w) => w.path).sort()).toEqual(Array.from({ length: MEMBERS }, (_, i) => pathOf(i)).sort());
    for (let i = 0; i < MEMBERS; i++) expect(rowOf(h, i)[5]).toMatch(/^✓ Now Manager/);
  });

  it("never overwrites an edit made between executions with the run's older change", async () => {
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    await h.control.clearRequests();
    startShortRun(h);
    const reverted = MEMBERS - 1;
    const promoted = MEMBERS - 2;
    // Bob (live editing on) types the role in Chat back into one row of the run, and Owner into another.
    h.env.sim.userEdit(BOB, TITLE, `E${rowNumber(h, reverted)}`, 'Member');
    h.env.sim.userEdit(BOB, TITLE, `E${rowNumber(h, promoted)}`, 'Owner');
    expect(await roleInChat(h, promoted)).toBe('ROLE_MANAGER');
    finish(h);
    expect(await roleInChat(h, reverted)).toBe('ROLE_MEMBER');
    expect(await roleInChat(h, promoted)).toBe('ROLE_MANAGER');
    const writes = (await h.control.requests()).filter(isEffectiveWrite);
    expect(writes.filter((w) => w.path === pathOf(reverted))).toEqual([]);
    expect(writes.filter((w) => w.path === pathOf(promoted)).map((w) => w.principal)).toEqual(['users/1002']);
    expect(rowOf(h, reverted).slice(4, 6)).toEqual([
      'Member',
      '✗ Not changed: the Role cell was edited again before this change was sent',
    ]);
    expect(rowOf(h, promoted)[4]).toBe('Owner');
    expect(rowOf(h, promoted)[5]).toMatch(/^✓ Now Owner/);
    const audit = h.env.spreadsheet.getSheetByName('Audit')?.getDataRange().getValues() ?? [];
    expect(audit.filter((r) => r[4] === keyOf(reverted)).map((r) => r[7])).toEqual(['refused']);
    // The rest of the run was applied, once each.
    expect(writes).toHaveLength(MEMBERS - 1);
  });

  it('clears a "pending" Status when the Role cell is typed back to the role in Chat', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const r = rowNumber(h, 0);
    h.env.sim.userEdit(CAROL, TITLE, `E${r}`, 'Manager');
    expect(rowOf(h, 0)[5]).toMatch(/^⏳ Pending: typed by (Carol Diaz|carol@example\.com)/);
    h.env.sim.userEdit(BOB, TITLE, `E${r}`, 'Member');
    expect(rowOf(h, 0).slice(4, 6)).toEqual(['Member', '']);
  });

  it('does not mark an edit that asks for nothing as pending when the lock is busy, and clears an earlier note', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true));
    const r = rowNumber(h, 0);
    let lock = h.env.sim.holdLock('document', { user: CAROL });
    h.env.sim.userEdit(ALICE, TITLE, `E${r}`, 'Manager');
    lock.release();
    expect(rowOf(h, 0)[5]).toMatch(/^⏳ Pending: another operation was running/);
    lock = h.env.sim.holdLock('document', { user: CAROL });
    h.env.sim.userEdit(ALICE, TITLE, `E${r}`, 'Member');
    lock.release();
    expect(rowOf(h, 0).slice(4, 6)).toEqual(['Member', '']);
  });

  it('keeps checking a change whose answer was lost, instead of reporting it failed while Chat applied it', async () => {
    h.env.sim.userEdit(ALICE, TITLE, `E${rowNumber(h, 0)}`, 'Manager', { paste: true });
    // Seed 6 at rate 0.9: the PATCH is applied and answered 500, the next six requests (checks) fail, the 7th passes.
    // Checks used to count as attempts: the 7th attempt failed, and the row said "✗ Failed" and went back to Member.
    await h.control.config({ faults: { rate: 0.9, statuses: [500], seed: 6, mode: 'after' } });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    await h.control.config({ faults: { rate: 0 } });
    const log = await h.control.requests();
    expect(log.map((r) => [r.method, r.status])).toEqual([
      ['PATCH', 500],
      ...Array.from({ length: 6 }, () => ['GET', 500]),
      ['GET', 200],
    ]);
    expect(await roleInChat(h, 0)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(rowOf(h, 0)[4]).toBe('Manager');
    expect(rowOf(h, 0)[5]).toMatch(/^✓ Now Manager/);
  });

  it('says the outcome is unknown, and leaves the row as typed, when Chat never answers the checks', async () => {
    h.env.sim.userEdit(ALICE, TITLE, `E${rowNumber(h, 0)}`, 'Manager', { paste: true });
    await h.control.config({ faults: { rate: 1, statuses: [503], seed: 1, mode: 'after' } });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    await h.control.config({ faults: { rate: 0 } });
    const log = await h.control.requests();
    expect(log.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(log.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(10);
    // Chat did apply it (the fault came after the write): the row must not claim it failed and put Member back.
    expect(await roleInChat(h, 0)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(rowOf(h, 0)[4]).toBe('Manager');
    expect(rowOf(h, 0)[5]).toMatch(/^✗ Failed: Google Chat did not confirm whether this change was made/);
  });
});
