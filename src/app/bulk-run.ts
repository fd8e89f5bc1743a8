/**
 * Executes a persisted run of role changes at the pace of the Chat quotas, and stops before the execution budget
 * runs out so the rest can continue in a later execution.
 *
 * Each wave sends at most one request per space in one UrlFetchApp.fetchAll: a PATCH for a queued job, or a GET for
 * an inflight job whose earlier PATCH has an unknown outcome (applied at most once). The run is saved before each
 * wave, so a hard stop at any point loses nothing: outcomes not yet recorded are found again on resume. Sheet rows
 * and Audit rows are written per space as it finishes, and at the end, never per row.
 */

import { appendAudit, readAudit } from '../adapters/audit-sheet';
import type { ChatApi, FetchResult } from '../adapters/chat-api';
import type { Clock } from '../adapters/clock';
import { findMemberSheets, patchRows, type RowPatch, readRows } from '../adapters/member-sheet';
import { deleteRun, rememberLastRun, saveRun } from '../adapters/run-store';
import { parseFailure, plainReason } from '../domain/api-errors';
import type { AuditEntry } from '../domain/audit';
import { COL, type MemberRow, rowFromCells } from '../domain/member-row';
import { isRetryable, parseRetryAfter } from '../domain/retry';
import { type ApiRole, isApiRole, parseRole, uiRole } from '../domain/roles';
import type { RunJob, RunState } from '../domain/run-state';
import { CHAT_WRITE_LIMITS, type Job, WriteScheduler } from '../domain/scheduler';
import { stamp, statusText } from '../domain/status';

export interface RunReport {
  runId: string;
  applied: number;
  failed: number;
  pending: number;
  requests: number;
  retries: number;
  finished: boolean;
  /** Outcomes whose row was no longer in the sheet (deleted meanwhile); they are still in the Audit log. */
  rowsGone: number;
}

const isOpen = (j: RunJob) => j.state === 'queued' || j.state === 'inflight';

/** GETs that may be sent to learn the outcome of one PATCH whose answer was lost, before it is reported unknown. */
const MAX_CHECKS = 12;
const UNKNOWN_OUTCOME =
  'Google Chat did not confirm whether this change was made, even after retrying: press Refresh members to see the role in Chat';
/** The reason of a queued change not sent because its row was edited after it was planned. */
const SUPERSEDED = 'the Role cell was edited again before this change was sent';

/**
 * `carried`: jobs planned in an earlier execution. Their rows are read again before anything is sent: one whose row
 * was edited since (another role typed, or the role changed through someone else's edit) is dropped, so an older
 * change never overwrites a newer one.
 */
export function executeRun(
  run: RunState,
  api: ChatApi,
  clock: Clock,
  deadline: number,
  carried: ReadonlySet<RunJob> = new Set(),
): RunReport {
  const report: RunReport = {
    runId: run.runId,
    applied: 0,
    failed: 0,
    pending: 0,
    requests: 0,
    retries: 0,
    finished: false,
    rowsGone: 0,
  };
  // An earlier execution stopped between writing the Audit log and saving the run may have audited outcomes this
  // run still sees as unrecorded or inflight: those are looked up once, so each change is audited exactly once.
  const unsure = run.jobs.some((j) => j.state === 'inflight' || (!isOpen(j) && !j.recorded));
  const audited = unsure ? auditedKeys(run.runId) : new Set<string>();
  const recorder = new OutcomeRecorder(run, clock, (job) => audited.has(`${job.key}|${auditResult(job)}`));
  // Outcomes reached in an earlier execution that was stopped before writing them.
  recorder.flush(run.jobs.filter((j) => !isOpen(j) && !j.recorded));
  const { dropped, doubtful } = dropSuperseded(
    run.jobs.filter((j) => isOpen(j) && carried.has(j)),
    (space) => recorder.sheetFor(space),
  );
  if (dropped.length > 0) {
    saveRun(run);
    recorder.flush(dropped);
  }

  const scheduler = new WriteScheduler(
    run.jobs.filter(isOpen).map((job) => ({ item: job, space: job.space, attempts: job.attempts })),
    { ...CHAT_WRITE_LIMITS, random: clock.random },
    clock.now(),
  );
  const maxWaves = (run.jobs.length * (CHAT_WRITE_LIMITS.maxAttempts + MAX_CHECKS) + 10) * 4;
  for (let wave = 0; wave < maxWaves && !scheduler.done; wave++) {
    const now = clock.now();
    if (now >= deadline) break;
    const { batch, waitMs } = scheduler.nextWave(now);
    if (batch.length === 0) {
      clock.sleep(Math.min(waitMs, deadline - now));
      continue;
    }
    const checks = batch.map((job) => job.item.state === 'inflight');
    batch.forEach((job, i) => {
      // A check is a read: it is counted apart, and does not use up one of the change's attempts.
      if (checks[i]) {
        job.attempts -= 1;
        job.item.checks = (job.item.checks ?? 0) + 1;
      }
      job.item.attempts = job.attempts;
      job.item.state = 'inflight';
    });
    saveRun(run);
    scheduler.sent(batch, clock.now());
    const results = api.sendAll(
      batch.map((job, i) =>
        checks[i]
          ? { get: job.item.key, access: job.item.access }
          : { patch: job.item.key, role: job.item.to, access: job.item.access },
      ),
    );
    report.requests += batch.length;
    const after = clock.now();
    batch.forEach((job, i) => {
      const retried = settle(job, checks[i] === true, results[i], scheduler, after, doubtful);
      if (retried) report.retries++;
      if (!isOpen(job.item)) {
        scheduler.finish(job);
        recorder.done(job.item);
      }
    });
    recorder.flushFinishedSpaces(new Set(scheduler.pending().map((j) => j.space)), after);
  }
  recorder.flush(run.jobs.filter((j) => !isOpen(j) && !j.recorded));
  report.rowsGone = recorder.rowsGone;
  for (const job of run.jobs) {
    if (job.state === 'applied') report.applied++;
    else if (job.state === 'failed' || job.state === 'refused') report.failed++;
    else report.pending++;
  }
  report.finished = report.pending === 0;
  if (report.finished) {
    deleteRun(run.user);
    rememberLastRun(run.user, run.runId);
  } else {
    saveRun(run);
  }
  return report;
}

/** Applies one response to its job; returns true when the job was put back for a retry. */
function settle(
  job: Job<RunJob>,
  wasCheck: boolean,
  result: FetchResult | undefined,
  scheduler: WriteScheduler<RunJob>,
  now: number,
  doubtful: ReadonlySet<RunJob>,
): boolean {
  const item = job.item;
  // Never sent (no credentials for it): nothing reached Chat in this wave, the reason goes to the row.
  if (result?.notSent !== undefined) return fail(item, 0, result.notSent);
  if (!result) {
    // No answer at all (network error): the PATCH may have been applied; check before sending it again.
    if (wasCheck) return retryCheck(job, scheduler, now, 0, undefined);
    item.state = 'inflight';
    scheduler.requeue(job, now);
    return true;
  }
  if (result.status === 200) {
    const role = roleIn(result.body);
    if (!wasCheck) {
      item.state = 'applied';
      if (role) item.to = role;
      return false;
    }
    // The answer to a GET after an unknown outcome.
    if (role === item.to) {
      item.state = 'applied';
      return false;
    }
    if (role === item.from && doubtful.has(item)) {
      // Not applied, and its row has been edited since it was planned: the newer edit wins, it is not sent again.
      item.state = 'refused';
      item.reason = SUPERSEDED;
      return false;
    }
    if (role === item.from) {
      item.state = 'queued';
      return scheduler.retry(job, now, 0) || fail(item, 0, 'gave up after several attempts');
    }
    return fail(item, 0, `changed in Chat by someone else meanwhile (now ${role ?? 'unknown'})`);
  }
  if (isRetryable(result.status)) {
    const retryAfter = parseRetryAfter(result.retryAfter, now);
    // A failed check: the outcome is still unknown, so it is checked again (never sent again unchecked).
    if (wasCheck) return retryCheck(job, scheduler, now, result.status, retryAfter);
    if (result.status !== 429) {
      // A 5xx on a PATCH leaves the outcome unknown: it is checked, even when its attempts are used up.
      item.state = 'inflight';
      scheduler.requeue(job, now, retryAfter);
      return true;
    }
    // 429 means not applied.
    item.state = 'queued';
    if (scheduler.retry(job, now, retryAfter)) return true;
    return fail(item, result.status, plainReason(parseFailure(result.status, result.body)));
  }
  return fail(item, result.status, plainReason(parseFailure(result.status, result.body)));
}

/** Checks an unknown outcome again later, until MAX_CHECKS reads have gone unanswered. */
function retryCheck(
  job: Job<RunJob>,
  scheduler: WriteScheduler<RunJob>,
  now: number,
  status: number,
  retryAfter: number | undefined,
): boolean {
  job.item.state = 'inflight';
  if ((job.item.checks ?? 0) < MAX_CHECKS) {
    scheduler.requeue(job, now, retryAfter);
    return true;
  }
  // Chat would not say whether the PATCH was applied: reported as unknown, and the row is left as typed.
  return fail(job.item, status, UNKNOWN_OUTCOME);
}

function fail(item: RunJob, status: number, reason: string): false {
  item.state = 'failed';
  item.reason = reason;
  if (status) item.errorStatus = status;
  return false;
}

/**
 * Open jobs planned in an earlier execution whose row no longer asks for them: its Role cell was edited (another
 * role, or back to the role in Chat), or its role in Chat changed through someone else's edit. Queued ones are marked
 * refused (never sent) and returned in `dropped`; inflight ones (a PATCH may have been applied) are `doubtful`: checked
 * as usual, but not sent again if the check finds them not applied. The newer edit is left to its own trigger or the
 * next bulk apply. A row that is gone keeps its job (the change was asked for; its outcome goes to the Audit log).
 */
function dropSuperseded(
  open: readonly RunJob[],
  sheetFor: (space: string) => GoogleAppsScript.Spreadsheet.Sheet | undefined,
): { dropped: RunJob[]; doubtful: Set<RunJob> } {
  const dropped: RunJob[] = [];
  const doubtful = new Set<RunJob>();
  const spaces = new Set(open.map((j) => j.space));
  for (const space of spaces) {
    const sheet = sheetFor(space);
    if (!sheet) continue;
    const rows = new Map<string, MemberRow>();
    for (const cells of readRows(sheet).values) {
      const { row } = rowFromCells(cells);
      rows.set(row.key, row);
    }
    for (const job of open) {
      const row = job.space === space ? rows.get(job.key) : undefined;
      if (!row || (asks(job, row.role) && row.serverRole === job.from)) continue;
      if (job.state === 'inflight') {
        doubtful.add(job);
        continue;
      }
      job.state = 'refused';
      job.reason = SUPERSEDED;
      dropped.push(job);
    }
  }
  return { dropped, doubtful };
}

/**
 * Whether a Role cell still asks for the job: its target role, or — for an undo, whose rows show the role in Chat
 * until it is applied — its starting role.
 */
function asks(job: RunJob, cell: string): boolean {
  const typed = parseRole(cell);
  return typed.ok && (typed.role === job.to || (job.undo === true && typed.role === job.from));
}

/** A row whose Role cell asks for another role than the one its server-role cell says Chat has. */
function isPending(row: Pick<MemberRow, 'role' | 'serverRole'>): boolean {
  const typed = parseRole(row.role);
  return !(typed.ok && typed.role === row.serverRole);
}

function roleIn(body: string): ApiRole | undefined {
  try {
    const role = (JSON.parse(body) as { role?: unknown }).role;
    return isApiRole(role) ? role : undefined;
  } catch {
    return undefined;
  }
}

/** Buffers finished jobs and writes them (Audit first, then the sheet) a space at a time. */
class OutcomeRecorder {
  private readonly waiting = new Map<string, RunJob[]>();
  private sheets: Map<string, GoogleAppsScript.Spreadsheet.Sheet> | undefined;
  rowsGone = 0;

  constructor(
    private readonly run: RunState,
    private readonly clock: Clock,
    private readonly alreadyAudited: (job: RunJob) => boolean,
  ) {}

  done(job: RunJob): void {
    const list = this.waiting.get(job.space) ?? [];
    list.push(job);
    this.waiting.set(job.space, list);
  }

  flushFinishedSpaces(stillOpen: ReadonlySet<string>, _now: number): void {
    const ready = [...this.waiting.keys()].filter((space) => !stillOpen.has(space));
    if (ready.length === 0) return;
    this.flush(ready.flatMap((space) => this.waiting.get(space) ?? []));
  }

  flush(jobs: readonly RunJob[]): void {
    const unrecorded = jobs.filter((j) => !j.recorded);
    for (const job of unrecorded) this.waiting.delete(job.space);
    if (unrecorded.length === 0) return;
    const when = new Date(this.clock.now());
    appendAudit(unrecorded.filter((job) => !this.alreadyAudited(job)).map((job) => this.auditEntry(job, when)));
    const bySpace = new Map<string, RowPatch[]>();
    for (const job of unrecorded) {
      const list = bySpace.get(job.space) ?? [];
      list.push(rowPatch(job, when));
      bySpace.set(job.space, list);
    }
    for (const [space, patches] of bySpace) {
      const sheet = this.sheetFor(space);
      this.rowsGone += sheet ? patchRows(sheet, patches).length : patches.length;
    }
    for (const job of unrecorded) job.recorded = true;
    saveRun(this.run);
  }

  sheetFor(space: string): GoogleAppsScript.Spreadsheet.Sheet | undefined {
    this.sheets ??= new Map(findMemberSheets(SpreadsheetApp.getActive()).map((s) => [s.meta.space, s.sheet]));
    return this.sheets.get(space);
  }

  private auditEntry(job: RunJob, when: Date): AuditEntry {
    return {
      time: when.toISOString(),
      who: this.run.user,
      space: this.run.titles[job.space] ?? job.space,
      member: job.who,
      key: job.key,
      from: job.from,
      to: job.to,
      result: auditResult(job),
      errorStatus: job.errorStatus ?? '',
      errorMessage: job.reason ?? '',
      runId: this.run.runId,
    };
  }
}

function auditResult(job: RunJob): AuditEntry['result'] {
  return job.state === 'applied' ? 'applied' : job.state === 'refused' ? 'refused' : 'failed';
}

/** `key|result` of the changes a run has in the Audit log. */
function auditedKeys(runId: string): Set<string> {
  const keys = new Set<string>();
  for (const row of readAudit()) {
    if (String(row[10] ?? '') === runId) keys.add(`${String(row[4] ?? '')}|${String(row[7] ?? '')}`);
  }
  return keys;
}

function rowPatch(job: RunJob, when: Date): RowPatch {
  // The Role cell shows the job's target (a typed change) or its starting role (an undo), unless someone typed a
  // newer role meanwhile: that newer edit is left alone and stays pending, and the Status says so.
  const untouched = (current: string) => asks(job, current);
  const pendingStatus = (row: Pick<MemberRow, 'status'>) =>
    row.status.startsWith('⏳') ? undefined : statusText.pendingChangedMeanwhile();
  if (job.state === 'refused') {
    // Superseded: the newer edit owns the row. Its Status is kept when it already explains the row (pending, or
    // applied); otherwise it says this change was not made.
    return {
      key: job.key,
      cells: new Map(),
      status: (row) => {
        if (isPending(row)) return pendingStatus(row);
        return row.status.startsWith('✓') ? undefined : statusText.refused(job.reason ?? SUPERSEDED);
      },
    };
  }
  if (job.state === 'failed' && job.reason === UNKNOWN_OUTCOME) {
    // Perhaps applied, perhaps not: the Role cell keeps what was typed, and the Status says to look.
    return { key: job.key, cells: new Map([[COL.status, statusText.failed(UNKNOWN_OUTCOME)]]) };
  }
  if (job.state === 'applied') {
    return {
      key: job.key,
      cells: new Map(),
      role: { value: uiRole(job.to), onlyIf: untouched },
      serverRole: job.to,
      status: (row) => (isPending(row) ? pendingStatus(row) : statusText.applied(job.to, stamp(when))),
    };
  }
  return {
    key: job.key,
    cells: new Map([[COL.status, statusText.failed(job.reason ?? 'unknown error')]]),
    role: { value: uiRole(job.from), onlyIf: untouched },
  };
}
