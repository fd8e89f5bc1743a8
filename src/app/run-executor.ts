/**
 * Starting, continuing and reporting bulk runs. A run that cannot finish inside one execution schedules a one-off
 * continuation trigger (runs as the same person) and goes on from where it stopped.
 */

import type { RoleChange } from '../domain/changes';
import type { RunEnd } from '../domain/run-end';
import { isOpen } from '../domain/run-engine';
import { type Progress, progressOf, type RunJob, type RunState } from '../domain/run-state';
import { zonedTime } from '../domain/zoned-time';
import { executeRun, type RunReport } from './bulk-run';
import type { Ports, UnseenWrite } from './ports';

/** Adds changes to the person's open run (or starts one) and works on it until done or out of time. */
export function startRun(
  ports: Ports,
  kind: RunState['kind'],
  changes: readonly RoleChange[],
  titles: Record<string, string>,
  deadline: number,
  origin: 'bulk' | 'live' = 'bulk',
): RunReport {
  const user = ports.user();
  const run: RunState = ports.runs.load(user) ?? {
    runId: ports.newId(),
    kind,
    user,
    startedAt: new Date(ports.clock.now()).toISOString(),
    titles: {},
    jobs: [],
  };
  Object.assign(run.titles, titles);
  const carried = run.jobs.length;
  // The latest job of each membership already in the run: a change it already makes (queued, being checked, or
  // applied but not yet written to the sheet) is not added again, or it would be sent twice (Apply pending role
  // changes pressed again while the run waits for its continuation, or a live edit while it is open).
  const latest = new Map(run.jobs.map((j) => [j.key, j]));
  const others = changes.length > 0 ? ports.runs.unseenWritesOfOthers(user) : new Map<string, UnseenWrite[]>();
  for (const change of changes) {
    const same = latest.get(change.key);
    if (same && same.to === change.to && (isOpen(same) || (same.state === 'applied' && !same.recorded))) continue;
    // Someone else's run may already have made this very change, unseen by its row (the answer never read, or not
    // yet written to the sheet): the job starts as one whose outcome is unknown, so the engine reads the membership
    // and writes only if Chat does not have it yet. Never the same write twice. Another role is written as usual.
    const madeElsewhere = others.get(change.key)?.some((w) => w.to === change.to) === true;
    const job: RunJob = { ...change, attempts: 0, state: madeElsewhere ? 'inflight' : 'queued' };
    if (kind === 'undo') job.undo = true;
    if (origin === 'live') job.live = true;
    run.jobs.push(job);
    latest.set(job.key, job);
  }
  return work(ports, run, deadline, carried);
}

/** Continues the person's open run, if any (continuation trigger, or the Resume menu item). */
export function continueRun(ports: Ports, deadline: number): RunReport | undefined {
  const run = ports.runs.load(ports.user());
  return run ? work(ports, run, deadline, run.jobs.length) : undefined;
}

/** Above this many open changes, the continuation is scheduled before any work: a hard stop cannot orphan the run. */
const SCHEDULE_FIRST_ABOVE = 10;

/** `carried`: the first `carried` jobs were planned in an earlier execution (their rows are checked again). */
function work(ports: Ports, run: RunState, deadline: number, carried: number): RunReport {
  const open = run.jobs.filter(isOpen).length;
  const scheduledFirst = open > SCHEDULE_FIRST_ABOVE;
  if (scheduledFirst) ports.triggers.scheduleContinuation();
  const report = executeRun(run, ports, ports.chat(), deadline, new Set(run.jobs.slice(0, carried)));
  if (report.finished) {
    // Also removes a continuation still waiting from an earlier execution (the sidebar may have finished the run),
    // and any pause note.
    ports.triggers.deleteContinuation(undefined);
  } else {
    const paused = ports.triggers.scheduleContinuation();
    if (paused) report.paused = paused;
  }
  return report;
}

/** A run's progress, with the reason it is paused when no background continuation will come. */
export type RunProgress = Progress & { paused?: string };

export function myProgress(ports: Ports): RunProgress | null {
  const run = ports.runs.load(ports.user());
  if (!run) return null;
  const paused = ports.triggers.pausedNote();
  const progress = progressOf(run, ports.clock.now());
  return paused ? { ...progress, paused } : progress;
}

/** How the person's last run here ended, as the sidebar says it: its totals, when (in the spreadsheet's zone). */
export interface RunEndShown extends Omit<RunEnd, 'endedAt'> {
  at: string;
  /** Seconds since it ended (by the server's clock, so the sidebar need not trust its own). */
  secondsAgo: number;
}

/** What the sidebar reads of the person's bulk runs: the open one (if any), and how the last one ended (if any). */
export interface BulkReading {
  open: RunProgress | null;
  lastEnd: RunEndShown | null;
}

/**
 * The last end comes with an open run too: the sidebar then knows it is old news (and the end of the open run itself,
 * saved just before the run is removed, is told once the run is gone).
 */
export function myRuns(ports: Ports): BulkReading {
  const open = myProgress(ports);
  const end = ports.runs.lastEnd(ports.user());
  if (!end) return { open, lastEnd: null };
  const { endedAt, ...rest } = end;
  const now = ports.clock.now();
  return {
    open,
    lastEnd: {
      ...rest,
      at: zonedTime(endedAt, ports.sheets.timeZone()),
      secondsAgo: Math.max(0, Math.round((now - endedAt) / 1000)),
    },
  };
}

export function continueLocked(ports: Ports, deadline: number): RunReport | undefined {
  return ports.withLock(30_000, () => continueRun(ports, deadline));
}
