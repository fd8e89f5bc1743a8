/**
 * Long runs on the strict Apps Script fakes: one-off triggers that fire late, clock triggers that
 * getUserTriggers(ss) does not list, test deployments where no trigger fires, the trigger limit, and time triggers
 * that run without a document. The run is never lost and never loops on errors; the sidebar can drive it alone.
 */

import { STRICT, type StrictOptions } from '../../tools/gas-fakes';
import { ALICE, type Harness, openRun, rowOf, serverRole, startHarness } from '../support/harness';

const SPACE = 'spaces/AAAAAllHands';
const TITLE = 'All hands';
const MEMBERS = Array.from({ length: 12 }, (_, i) => `employee${i + 1}@example.com`);
const CONTINUE = 'continueBulkApply';

interface Progress {
  done: number;
  failed: number;
  remaining: number;
  paused?: string;
}
interface Step {
  busy: boolean;
  applied: number;
  failed: number;
  progress: Progress | null;
}

/** All hands loaded, every member typed Manager, and a 10-second budget: 12 changes at 1 write/s need two executions. */
async function prepare(strict: StrictOptions): Promise<Harness> {
  const h = await startHarness(undefined, { strict });
  h.bundle.simpleTrigger('onOpen');
  h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', SPACE));
  for (const m of MEMBERS) h.env.sim.userEdit(ALICE, TITLE, `E${rowOf(h, TITLE, m)}`, 'Manager', { paste: true });
  h.env.sim.properties.script.values.set('EXECUTION_BUDGET_MS', '10000');
  await h.control.clearRequests();
  return h;
}

const progress = (h: Harness) => openRun(h) as Progress | null;
const continuations = (h: Harness) => h.env.sim.triggers().filter((t) => t.handler === CONTINUE);
const applyFromMenu = (h: Harness) => {
  h.env.sim.ui.answerAlert('YES');
  return h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
    report: { finished: boolean; paused?: string };
  };
};

async function expectAllApplied(h: Harness): Promise<void> {
  const state = await h.control.state();
  const names = new Map(state.users.map((u) => [u.email, u.name]));
  for (const m of MEMBERS) {
    expect({ m, role: await serverRole(h, SPACE, names.get(m) ?? m) }).toEqual({ m, role: 'ROLE_ASSISTANT_MANAGER' });
  }
  const applied = (await h.control.requests()).filter((r) => r.method === 'PATCH' && r.status === 200);
  expect(new Set(applied.map((r) => r.path)).size).toBe(applied.length);
  expect(applied).toHaveLength(MEMBERS.length);
  expect(progress(h)).toBeNull();
}

/** Waits (on the scaled clock) until a late one-off trigger is due — at most 1 s + 120 s late — and fires it. */
function fireLate(h: Harness) {
  h.env.clock.sleep(122_000);
  return h.env.sim.fireTimeTriggers();
}

/** The sidebar's loop: continueMyBulkApply again and again while a run is open (bounded). */
function driveFromSidebar(h: Harness): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < 20; i++) {
    const step = h.env.sim.as(ALICE, () => h.bundle.run('continueMyBulkApply')) as Step;
    steps.push(step);
    if (!step.progress) break;
  }
  return steps;
}

jest.setTimeout(90_000);

describe('background continuation on the strict fakes', () => {
  it('continues in a late one-off trigger found by its id (not listed by getUserTriggers), one at a time, removed at the end', async () => {
    // Time triggers that do have their document (undocumented either way; the other way is tested below).
    const h = await prepare({ ...STRICT, noDocumentInTimeTriggers: false });
    try {
      expect(applyFromMenu(h).report.finished).toBe(false);
      expect(continuations(h)).toHaveLength(1);
      for (let i = 0; i < 10 && progress(h); i++) {
        fireLate(h);
        expect(continuations(h).length).toBeLessThanOrEqual(1);
      }
      await expectAllApplied(h);
      expect(continuations(h)).toHaveLength(0);
      expect(h.env.sim.triggerRuns.filter((r) => r.error)).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('pauses with a clear message when the trigger limit is reached; Resume says so; the sidebar finishes the run', async () => {
    const h = await prepare(STRICT);
    try {
      h.env.sim.setOtherDocumentTriggers(ALICE, 20);
      const first = applyFromMenu(h);
      expect(first.report.finished).toBe(false);
      expect(first.report.paused).toMatch(/paused.*trigger limit/);
      expect(continuations(h)).toHaveLength(0);
      expect(h.env.sim.ui.toasts.at(-1)?.message).toMatch(/trigger limit/);
      // The menu opened the sidebar to drive the rest.
      expect(h.env.sim.ui.sidebars.length).toBeGreaterThan(0);
      expect(progress(h)?.paused).toMatch(/trigger limit/);
      // Resume from the menu works on the run, and says in a dialog why it will not continue by itself.
      h.env.sim.ui.answerAlert('OK');
      h.env.sim.as(ALICE, () => h.bundle.clickMenu('Resume bulk apply'));
      const dialog = h.env.sim.ui.dialogs.at(-1);
      if (progress(h)) expect(dialog?.prompt).toMatch(/trigger limit/);
      driveFromSidebar(h);
      await expectAllApplied(h);
    } finally {
      await h.stop();
    }
  });

  it('a time trigger that runs without a document deletes itself and leaves the run paused, never looping', async () => {
    const h = await prepare({ ...STRICT, noDocumentInTimeTriggers: true });
    try {
      expect(applyFromMenu(h).report.finished).toBe(false);
      const runs = fireLate(h);
      expect(runs.map((r) => [r.handler, r.error])).toEqual([[CONTINUE, null]]);
      expect(continuations(h)).toHaveLength(0);
      expect(fireLate(h)).toEqual([]);
      const paused = progress(h);
      expect(paused?.remaining).toBeGreaterThan(0);
      expect(paused?.paused).toMatch(/without access to this spreadsheet/);
      for (let i = 0; i < 5 && progress(h); i++) {
        h.env.sim.ui.answerAlert('OK');
        h.env.sim.as(ALICE, () => h.bundle.clickMenu('Resume bulk apply'));
      }
      await expectAllApplied(h);
    } finally {
      await h.stop();
    }
  });
});

describe('sidebar-driven runs', () => {
  it('in a test deployment (no trigger ever fires), the sidebar drives the run to the end and shows each step', async () => {
    const h = await prepare({ ...STRICT, testDeployment: true });
    try {
      h.env.sim.ui.answerAlert('YES');
      const started = h.env.sim.as(ALICE, () => h.bundle.run('applyPendingChanges')) as {
        report: { applied: number; finished: boolean };
      };
      expect(started.report.finished).toBe(false);
      expect(fireLate(h)).toEqual([]);
      const steps = driveFromSidebar(h);
      expect(steps.at(-1)?.progress).toBeNull();
      expect(started.report.applied + steps.reduce((n, s) => n + s.applied, 0)).toBe(MEMBERS.length);
      for (const step of steps.slice(0, -1)) {
        expect(step.progress?.done).toBeGreaterThan(0);
        expect(step.busy).toBe(false);
      }
      await expectAllApplied(h);
      // The continuation that was scheduled (and never fired) is removed once the run is finished.
      expect(continuations(h)).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });

  it('with no run open, a sidebar step does nothing and says so', async () => {
    const h = await prepare(STRICT);
    try {
      expect(h.env.sim.as(ALICE, () => h.bundle.run('continueMyBulkApply'))).toEqual({
        busy: false,
        applied: 0,
        failed: 0,
        progress: null,
        ran: false,
      });
    } finally {
      await h.stop();
    }
  });
});
