/**
 * A bulk run's progress, persisted between executions so a run can outlive Apps Script's 6-minute limit.
 * A job is `inflight` from just before its PATCH is sent until a definite answer arrives, and again after an answer
 * that leaves the outcome unknown (500/503, a network error): its PATCH may have been applied, so before it is ever
 * sent again its membership is read with a GET (each change is applied at most once).
 */

import { isAccess } from './access';
import type { RoleChange } from './changes';
import { type ApiRole, isApiRole } from './roles';

export type JobState = 'queued' | 'inflight' | 'applied' | 'failed' | 'refused';

export interface RunJob extends RoleChange {
  attempts: number;
  state: JobState;
  /** Failure reason, for jobs that failed. */
  reason?: string;
  errorStatus?: number;
  /** The outcome has been written to the sheet and the Audit log (so a resumed run does not write it twice). */
  recorded?: boolean;
  /**
   * GETs sent to learn the outcome of a PATCH whose answer was lost. Counted apart from `attempts` (PATCHes): a read
   * changes nothing, so failing checks must not use up the change's own attempts.
   */
  checks?: number;
  /** Part of an undo: the row's Role cell shows `from` until the job is applied. */
  undo?: boolean;
  /** Typed with live editing (not part of a bulk apply, so never offered by Undo). */
  live?: boolean;
  /**
   * Chat's own words for a failure, for the Audit sheet's Error message (never a Status cell). Not saved with the
   * run (it would crowd the 9 KB property): an outcome recorded in a later execution has the reason only.
   */
  apiMessage?: string;
  /** 429s this change got (not counted in `attempts`: a refused write was not made). */
  throttles?: number;
}

export interface RunState {
  runId: string;
  kind: 'apply' | 'undo';
  /** Email of the person who started the run; only they can continue it. */
  user: string;
  startedAt: string;
  /** Space name → sheet title, for messages and the audit log. */
  titles: Record<string, string>;
  jobs: RunJob[];
  /**
   * Finished jobs already written to the sheet and the Audit log, kept only as counts: a run of 10,000 changes must
   * fit in document properties (500 kB shared by everyone in the spreadsheet) at every save.
   */
  settled?: { applied: number; failed: number };
}

/** A finished job whose outcome is in the sheet and the Audit log: nothing will read it again but the counts. */
const isSettled = (j: RunJob) => j.recorded === true && j.state !== 'queued' && j.state !== 'inflight';

/** Applied and failed jobs of a run, settled ones included. */
export function outcomeCounts(run: RunState): { applied: number; failed: number } {
  let applied = run.settled?.applied ?? 0;
  let failed = run.settled?.failed ?? 0;
  for (const j of run.jobs) {
    if (j.state === 'applied') applied++;
    else if (j.state === 'failed' || j.state === 'refused') failed++;
  }
  return { applied, failed };
}

/** Drops trailing default values (0, '') from a job tuple: most jobs are queued, never tried, without a reason. */
function trimDefaults(values: unknown[]): unknown[] {
  let end = values.length;
  while (end > 0 && (values[end - 1] === 0 || values[end - 1] === '')) end--;
  return values.slice(0, end);
}

const ROLE_CODES: ApiRole[] = ['ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER'];
const STATES: JobState[] = ['queued', 'inflight', 'applied', 'failed', 'refused'];

/** Compact JSON: property values are capped at 9 KB, so a 1,000-change run has to be small per job. */
export function encodeRun(run: RunState): string {
  const settled = run.jobs.filter(isSettled);
  const counts = outcomeCounts({ ...run, jobs: settled });
  return JSON.stringify({
    v: 1,
    id: run.runId,
    kind: run.kind,
    u: run.user,
    at: run.startedAt,
    t: run.titles,
    ...(counts.applied + counts.failed > 0 ? { s: [counts.applied, counts.failed] } : {}),
    j: run.jobs
      .filter((j) => !isSettled(j))
      .map((j) =>
        trimDefaults([
          j.key,
          ROLE_CODES.indexOf(j.from),
          ROLE_CODES.indexOf(j.to),
          j.attempts,
          STATES.indexOf(j.state),
          j.who,
          j.index,
          j.reason ?? '',
          j.errorStatus ?? 0,
          j.recorded ? 1 : 0,
          j.access === 'user' ? 0 : j.access,
          j.checks ?? 0,
          j.undo ? 1 : 0,
          j.live ? 1 : 0,
          j.throttles ?? 0,
        ]),
      ),
  });
}

export function decodeRun(text: string): RunState | undefined {
  try {
    const raw = JSON.parse(text) as {
      v?: number;
      id?: string;
      kind?: string;
      u?: string;
      at?: string;
      t?: Record<string, string>;
      s?: unknown[];
      j?: unknown[][];
    };
    if (raw.v !== 1 || typeof raw.id !== 'string' || typeof raw.u !== 'string' || !Array.isArray(raw.j))
      return undefined;
    const jobs: RunJob[] = [];
    for (const [
      key,
      from,
      to,
      attempts,
      state,
      who,
      index,
      reason,
      errorStatus,
      recorded,
      access,
      checks,
      undo,
      live,
      throttles,
    ] of raw.j) {
      const f = ROLE_CODES[Number(from)];
      const t = ROLE_CODES[Number(to)];
      const s = STATES[Number(state)];
      if (typeof key !== 'string' || !isApiRole(f) || !isApiRole(t) || !s) return undefined;
      const space = key.slice(0, key.indexOf('/members/'));
      const job: RunJob = {
        access: isAccess(access) ? access : 'user',
        key,
        space,
        from: f,
        to: t,
        attempts: Number(attempts) || 0,
        state: s,
        who: String(who ?? ''),
        index: Number(index) || 0,
      };
      if (reason) job.reason = String(reason);
      if (errorStatus) job.errorStatus = Number(errorStatus);
      if (recorded) job.recorded = true;
      if (Number(checks) > 0) job.checks = Number(checks);
      if (undo) job.undo = true;
      if (live) job.live = true;
      if (Number(throttles) > 0) job.throttles = Number(throttles);
      jobs.push(job);
    }
    const decoded: RunState = {
      runId: raw.id,
      kind: raw.kind === 'undo' ? 'undo' : 'apply',
      user: raw.u,
      startedAt: String(raw.at ?? ''),
      titles: raw.t ?? {},
      jobs,
    };
    if (Array.isArray(raw.s)) decoded.settled = { applied: Number(raw.s[0]) || 0, failed: Number(raw.s[1]) || 0 };
    return decoded;
  } catch {
    return undefined;
  }
}

/** Splits text into pieces that each fit in one property value (9 KB, counted in UTF-8 bytes). */
export function chunk(text: string, maxBytes = 8000): string[] {
  const pieces: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of text) {
    const bytes = ch.length > 1 ? 4 : ch.charCodeAt(0) < 0x80 ? 1 : ch.charCodeAt(0) < 0x800 ? 2 : 3;
    if (size + bytes > maxBytes) {
      pieces.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}

export interface Progress {
  runId: string;
  kind: 'apply' | 'undo';
  done: number;
  failed: number;
  remaining: number;
  /** Seconds left: at the rate measured since the run started (given `now`), never faster than the quota pace. */
  etaSeconds: number;
}

export function progressOf(run: RunState, now?: number, perSpaceSeconds = 1.05, projectPerSecond = 5): Progress {
  const open = run.jobs.filter((j) => j.state === 'queued' || j.state === 'inflight');
  const perSpace = new Map<string, number>();
  for (const j of open) perSpace.set(j.space, (perSpace.get(j.space) ?? 0) + 1);
  const busiest = Math.max(0, ...perSpace.values());
  const { applied, failed } = outcomeCounts(run);
  // Retries, late triggers and a slow Chat all show in the measured rate; the quota pace alone said "3 s" for 35 s.
  const elapsed = now === undefined ? 0 : (now - Date.parse(run.startedAt)) / 1000;
  const measured = applied + failed > 0 && elapsed > 0 ? (open.length * elapsed) / (applied + failed) : 0;
  return {
    runId: run.runId,
    kind: run.kind,
    done: applied,
    failed,
    remaining: open.length,
    etaSeconds: Math.ceil(Math.max(open.length / projectPerSecond, busiest * perSpaceSeconds, measured)),
  };
}
