import { seededRandom } from '../../tools/emulator/faults';
import { HardStopError } from '../../tools/gas-fakes';
import { ALICE, type Harness, openRun, rowOf, sheetValues, startHarness } from '../support/harness';

const SPACES = [
  ['spaces/AAAALaunch', 'Launch team', ['carol@example.com', 'dan@example.com', 'erin@example.com']],
  ['spaces/AAAADesign', 'Design reviews', ['dan@example.com', 'sam@example.com']],
  ['spaces/AAAAAllHands', 'All hands', Array.from({ length: 12 }, (_, i) => `employee${i + 1}@example.com`)],
] as const;
const CHANGES = SPACES.reduce((n, [, , members]) => n + members.length, 0);

async function prepare(): Promise<Harness> {
  const h = await startHarness();
  h.bundle.simpleTrigger('onOpen');
  h.env.sim.as(ALICE, () => {
    for (const [space] of SPACES) h.bundle.run('loadSpace', space);
  });
  for (const [, title, members] of SPACES) {
    for (const m of members) h.env.sim.userEdit(ALICE, title, `E${rowOf(h, title, m)}`, 'Manager', { paste: true });
  }
  await h.control.clearRequests();
  return h;
}

/** Every intended change is on the server, no member got two successful writes, and every Status says ✓. */
async function expectComplete(h: Harness): Promise<void> {
  const state = await h.control.state();
  const users = new Map<string, string>();
  for (const u of state.users) if (u.email) users.set(u.email, u.name);
  for (const [space, title, members] of SPACES) {
    const s = state.spaces.find((x) => x.name === space);
    for (const m of members) {
      expect({ m, role: s?.memberships.find((x) => x.member === users.get(m))?.role }).toEqual({
        m,
        role: 'ROLE_ASSISTANT_MANAGER',
      });
    }
    const rows = sheetValues(h, title).filter((r) => (members as readonly string[]).includes(r[1] as string));
    expect(rows.map((r) => [r[1], r[4], r[5]?.slice(0, 1), r[7]])).toEqual(
      rows.map((r) => [r[1], 'Manager', '✓', 'ROLE_ASSISTANT_MANAGER']),
    );
  }
  const applied = (await h.control.requests()).filter((r) => r.method === 'PATCH' && r.status === 200);
  expect(applied).toHaveLength(CHANGES);
  expect(new Set(applied.map((r) => r.path)).size).toBe(CHANGES);
  const audit = sheetValues(h, 'Audit').slice(1);
  expect(audit.filter((r) => r[7] === 'applied')).toHaveLength(CHANGES);
  expect(openRun(h)).toBeNull();
}

/**
 * What a person does after an interruption (bounded): wait for the continuation trigger, press Resume if none is
 * scheduled, or — if the stop came before the run was even saved — apply the still-pending rows again.
 */
function finish(h: Harness): void {
  for (let i = 0; i < 20; i++) {
    if (openRun(h) === null) {
      const pending = h.env.sim.as(ALICE, () => h.bundle.run('previewPendingChanges')) as { changes: number };
      if (pending.changes === 0) return;
      h.env.sim.ui.answerAlert('YES');
      h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
      continue;
    }
    const waiting = h.env.sim.triggers().filter((t) => t.handler === 'continueBulkApply' && t.dueAt !== null);
    if (waiting.length === 0) {
      h.env.sim.as(ALICE, () => h.bundle.clickMenu('Resume bulk apply'));
      continue;
    }
    // The continuation is asked for a second later, and fires 10–120 s late (strict fakes): sleep on the scaled
    // clock until it is due (a few real milliseconds up to a few real seconds).
    const due = Math.min(...waiting.map((t) => t.dueAt ?? Number.POSITIVE_INFINITY));
    for (let n = 0; n < 100 && h.env.clock.now() < due; n++) h.env.clock.sleep(due - h.env.clock.now() + 5);
    h.env.sim.fireTimeTriggers();
  }
}

describe('bulk apply that is stopped and resumed', () => {
  const random = seededRandom(2026);
  const points = Array.from({ length: 6 }, (_, i) => ({
    afterCalls: 20 + Math.floor(random() * 150),
    when: i % 2 === 0 ? ('after' as const) : ('before' as const),
  }));

  it.each(points)(
    'stopped after $afterCalls service calls ($when the call): resumes with every change applied once',
    async (stop) => {
      const h = await prepare();
      try {
        h.env.sim.ui.answerAlert('YES');
        h.env.sim.hardStop(stop);
        let stopped = false;
        try {
          h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
        } catch (e) {
          stopped = e instanceof HardStopError;
          if (!stopped) throw e;
        }
        h.env.sim.hardStop(null);
        finish(h);
        await expectComplete(h);
        if (stopped) expect(h.env.sim.triggerRuns.length + h.env.sim.executions.length).toBeGreaterThan(1);
      } finally {
        await h.stop();
      }
    },
  );

  it('continues past the execution budget in a one-off trigger, and shows progress meanwhile', async () => {
    const h = await prepare();
    try {
      h.env.sim.ui.answerAlert('YES');
      // A 10-second budget: 12 changes in one space need at least 12 s at 1 write/s, so the run must continue in
      // a later execution, as 1,000 changes must within the 6-minute limit.
      h.env.sim.properties.script.values.set('EXECUTION_BUDGET_MS', '10000');
      const first = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
        report: { finished: boolean };
      };
      expect(first.report.finished).toBe(false);
      const progress = openRun(h) as NonNullable<ReturnType<typeof openRun>>;
      expect(progress.remaining).toBeGreaterThan(0);
      expect(progress.done + progress.remaining).toBe(CHANGES);
      expect(progress.etaSeconds).toBeGreaterThan(0);
      expect(h.env.sim.triggers().filter((t) => t.handler === 'continueBulkApply')).toHaveLength(1);
      finish(h);
      await expectComplete(h);
      // The fired one-off trigger was removed, so add-on trigger slots are not used up.
      expect(h.env.sim.triggers().filter((t) => t.handler === 'continueBulkApply')).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });

  it('writes outcomes to the right rows after the sheet was sorted, and rows inserted and deleted, between executions', async () => {
    const h = await prepare();
    try {
      h.env.sim.ui.answerAlert('YES');
      h.env.sim.hardStop({ afterCalls: 140 });
      try {
        h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
      } catch (e) {
        if (!(e instanceof HardStopError)) throw e;
      }
      h.env.sim.hardStop(null);
      // Between executions a person reorders All hands, inserts a blank row, and deletes employee 12's row.
      const sheet = h.env.spreadsheet.getSheetByName('All hands');
      if (!sheet) throw new Error('no sheet');
      sheet.sort(2, false);
      sheet.insertRowBefore(3);
      sheet.deleteRow(rowOf(h, 'All hands', 'employee12@example.com'));
      finish(h);
      const rows = sheetValues(h, 'All hands');
      for (let i = 1; i <= 11; i++) {
        const row = rows.find((r) => r[1] === `employee${i}@example.com`);
        expect([row?.[1], row?.[4], row?.[5]?.slice(0, 1), row?.[7]]).toEqual([
          `employee${i}@example.com`,
          'Manager',
          '✓',
          'ROLE_ASSISTANT_MANAGER',
        ]);
      }
      // Statuses never landed on someone else's row.
      expect(rows.filter((r) => r[5]?.startsWith('✓')).length).toBeLessThanOrEqual(11);
      // The deleted row's change was still applied once, and is in the Audit log.
      const applied = (await h.control.requests()).filter((r) => r.method === 'PATCH' && r.status === 200);
      expect(applied.filter((r) => r.path === '/v1/spaces/AAAAAllHands/members/5011')).toHaveLength(1);
      // The Audit sheet the add-on keeps (found by the id it stored: a stop right after creating one can leave an
      // empty sheet titled Audit behind, and the next one is then "Audit (2)").
      const auditId = Number(h.env.sim.properties.document.values.get('own.audit'));
      const audit = h.env.spreadsheet
        .getSheets()
        .find((s) => s.getSheetId() === auditId)
        ?.getDataRange()
        .getValues()
        .map((row) => row.map(String));
      expect(audit?.filter((r) => r[4] === 'spaces/AAAAAllHands/members/5011' && r[7] === 'applied')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});
