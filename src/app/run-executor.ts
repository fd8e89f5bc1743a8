/**
 * Starting, continuing and reporting bulk runs. A run that cannot finish inside one execution schedules a one-off
 * continuation trigger (runs as the same person) and goes on from where it stopped.
 */

import { userChatApi } from '../adapters/chat-api';
import type { Clock } from '../adapters/clock';
import { withDocumentLock } from '../adapters/lock';
import { loadRun } from '../adapters/run-store';
import type { RoleChange } from '../domain/changes';
import { type Progress, progressOf, type RunJob, type RunState } from '../domain/run-state';
import { executeRun, type RunReport } from './bulk-run';

export const CONTINUE_HANDLER = 'continueBulkApply';
const CONTINUE_AFTER_MS = 1000;

export function currentUser(): string {
  return Session.getEffectiveUser().getEmail().toLowerCase();
}

/** Adds changes to the person's open run (or starts one) and works on it until done or out of time. */
export function startRun(
  kind: RunState['kind'],
  changes: readonly RoleChange[],
  titles: Record<string, string>,
  clock: Clock,
  deadline: number,
): RunReport {
  const user = currentUser();
  const run: RunState = loadRun(user) ?? {
    runId: Utilities.getUuid(),
    kind,
    user,
    startedAt: new Date(clock.now()).toISOString(),
    titles: {},
    jobs: [],
  };
  Object.assign(run.titles, titles);
  const carried = run.jobs.length;
  // The latest job of each membership already in the run: a change it already makes (queued, being checked, or
  // applied but not yet written to the sheet) is not added again, or it would be sent twice (Apply pending role
  // changes pressed again while the run waits for its continuation, or a live edit while it is open).
  const latest = new Map(run.jobs.map((j) => [j.key, j]));
  for (const change of changes) {
    const same = latest.get(change.key);
    if (same && same.to === change.to && (isOpen(same) || (same.state === 'applied' && !same.recorded))) continue;
    const job: RunJob = { ...change, attempts: 0, state: 'queued' };
    if (kind === 'undo') job.undo = true;
    run.jobs.push(job);
    latest.set(job.key, job);
  }
  return work(run, clock, deadline, carried);
}

/** Continues the person's open run, if any (continuation trigger, or the Resume menu item). */
export function continueRun(clock: Clock, deadline: number): RunReport | undefined {
  const run = loadRun(currentUser());
  return run ? work(run, clock, deadline, run.jobs.length) : undefined;
}

const isOpen = (j: RunJob) => j.state === 'queued' || j.state === 'inflight';

/** Above this many open changes, the continuation is scheduled before any work: a hard stop cannot orphan the run. */
const SCHEDULE_FIRST_ABOVE = 10;

/** `carried`: the first `carried` jobs were planned in an earlier execution (their rows are checked again). */
function work(run: RunState, clock: Clock, deadline: number, carried: number): RunReport {
  const open = run.jobs.filter(isOpen).length;
  const scheduledFirst = open > SCHEDULE_FIRST_ABOVE;
  if (scheduledFirst) scheduleContinuation();
  const report = executeRun(run, userChatApi(clock), clock, deadline, new Set(run.jobs.slice(0, carried)));
  if (!report.finished) scheduleContinuation();
  else if (scheduledFirst) deleteFiredTrigger(undefined);
  return report;
}

export function scheduleContinuation(): void {
  const ss = SpreadsheetApp.getActive();
  const waiting = ScriptApp.getUserTriggers(ss).some((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
  if (!waiting) ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
}

/** Removes the one-off trigger that just fired (add-ons may hold only a few triggers per person). */
export function deleteFiredTrigger(triggerUid: string | undefined): void {
  for (const t of ScriptApp.getUserTriggers(SpreadsheetApp.getActive())) {
    if (t.getHandlerFunction() === CONTINUE_HANDLER && (!triggerUid || t.getUniqueId() === triggerUid))
      ScriptApp.deleteTrigger(t);
  }
}

export function myProgress(): Progress | null {
  const run = loadRun(currentUser());
  return run ? progressOf(run) : null;
}

export function continueLocked(clock: Clock, deadline: number): RunReport | undefined {
  return withDocumentLock(30_000, () => continueRun(clock, deadline));
}
