/**
 * Executes a persisted run of role changes at the pace of the Chat quotas, and stops before the execution budget
 * runs out so the rest can continue in a later execution.
 *
 * Each wave sends at most one request per space in one UrlFetchApp.fetchAll: a PATCH for a queued job, or a GET for
 * an inflight job whose earlier PATCH has an unknown outcome (applied at most once). Each wave's writes are stored
 * before they are sent (wave-saves.ts), so a hard stop at any point loses nothing: outcomes not yet recorded are
 * found again on resume. Sheet rows
 * and Audit rows are written per space as it finishes, and at the end, never per row; meanwhile the Status cells of
 * rows already answered get a short text every few seconds (status-marks.ts).
 */

import { type AuditEntry, auditRecord } from '../domain/audit';
import { type MemberRow, rowOf } from '../domain/member-row';
import type { ApiRole } from '../domain/roles';
import { asks, dropSuperseded, isOpen, RunEngine, roleIn } from '../domain/run-engine';
import { outcomeCounts, type RunJob, type RunState } from '../domain/run-state';
import { auditTime, stamp } from '../domain/status';
import type { UndoChange } from '../domain/undo-record';
import { movedOnPatch, rowPatch } from './outcome-patches';
import type { Chat, MemberSheet, Ports, RowPatch } from './ports';
import { StatusMarker, sheetKey } from './status-marks';
import { WaveSaves } from './wave-saves';

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
  /** Unfinished, and no background continuation will come: why (the sidebar or "Resume bulk apply" carries on). */
  paused?: string;
}

/**
 * `carried`: jobs planned in an earlier execution. Their rows are read again before anything is sent: one whose row
 * was edited since (another role typed, or the role changed through someone else's edit) is dropped, so an older
 * change never overwrites a newer one.
 */
export function executeRun(
  run: RunState,
  ports: Ports,
  api: Chat,
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
  const { clock, runs } = ports;
  const audited = unsure ? auditedKeys(ports, run.runId) : new Set<string>();
  const recorder = new OutcomeRecorder(run, ports, (job) => audited.has(`${job.key}|${auditResult(job)}`));
  // Outcomes reached in an earlier execution that was stopped before it saved them as written (it may have written
  // them). An applied one whose row has moved on since may have been overtaken by a newer write someone recorded:
  // the role in Chat is read again, so the row is never put back to an older role.
  const late = run.jobs.filter((j) => !isOpen(j) && !j.recorded);
  recorder.flush(late, rolesNow(late, recorder, api));
  const { dropped, doubtful } = dropSuperseded(
    run.jobs.filter((j) => isOpen(j) && carried.has(j)),
    (space, access) => recorder.rowsOf(space, access),
  );
  if (dropped.length > 0) {
    runs.save(run);
    recorder.flush(dropped);
  }

  const engine = new RunEngine(run.jobs, clock.now(), clock.random, doubtful);
  const saves = new WaveSaves(runs, run);
  for (let wave = 0; wave < engine.maxWaves && !engine.done; wave++) {
    const now = clock.now();
    if (now >= deadline) break;
    const { requests, waitMs } = engine.nextWave(now);
    if (requests.length === 0) {
      clock.sleep(Math.min(waitMs, deadline - now));
      continue;
    }
    saves.beforeWave(now, requests);
    engine.sent(clock.now());
    const results = api.sendAll(
      requests.map(({ job, check }) =>
        check ? { get: job.key, access: job.access } : { patch: job.key, role: job.to, access: job.access },
      ),
    );
    report.requests += requests.length;
    const after = clock.now();
    const { retries, finished } = engine.settle(results, after);
    report.retries += retries;
    for (const job of finished) recorder.done(job, after);
    recorder.flushFinishedSpaces(engine.openSpaces(), after);
  }
  recorder.flush(run.jobs.filter((j) => !isOpen(j) && !j.recorded));
  report.rowsGone = recorder.rowsGone;
  const counts = outcomeCounts(run);
  report.applied = counts.applied;
  report.failed = counts.failed;
  report.pending = run.jobs.filter(isOpen).length;
  report.finished = report.pending === 0;
  if (report.finished) {
    rememberEnd(ports, run, counts);
    runs.remove(run.user);
    rememberForUndo(ports, run);
  } else {
    runs.save(run);
  }
  return report;
}

/** Reads of one round trip at most, within a space's 15 reads a second: the rest are written as before. */
const MAX_REREADS = 15;

/**
 * Late applied jobs (see executeRun) whose row has moved on: someone typed since, or a newer write was recorded
 * after this one reached Chat. Each is read in Chat (one parallel round trip, a read each; usually none); those Chat
 * did not answer are left out.
 */
function rolesNow(late: readonly RunJob[], recorder: OutcomeRecorder, api: Chat): Map<RunJob, ApiRole> {
  const moved = late
    .filter((job) => {
      const row = job.state === 'applied' ? recorder.rowsOf(job.space, job.access)?.get(job.key) : undefined;
      // Moved on: its Role cell asks for something else, or its row knows of a third role written since.
      return row !== undefined && (!asks(job, row.role) || (row.serverRole !== job.from && row.serverRole !== job.to));
    })
    .slice(0, MAX_REREADS);
  if (moved.length === 0) return new Map();
  const answers = api.sendAll(moved.map((job) => ({ get: job.key, access: job.access })));
  const roles = new Map<RunJob, ApiRole>();
  moved.forEach((job, i) => {
    const answer = answers[i];
    const role = answer?.status === 200 ? roleIn(answer.body) : undefined;
    if (role) roles.set(job, role);
  });
  return roles;
}

/**
 * What a bulk apply changed, for Undo, in the add-on's own store (never the Audit sheet): added as outcomes are
 * written, because a long run keeps only counts of its finished jobs. Live edits are not part of it.
 */
function undoChanges(jobs: readonly RunJob[]): UndoChange[] {
  return jobs
    .filter((j) => j.state === 'applied' && !j.live && !j.undo)
    .map(({ key, who, from, to, access }) => ({ key, who, from, to, access }));
}

/**
 * How a bulk run ended, for a sidebar that did not watch it end. Saved before the run is removed, so a reading never
 * finds neither; a live edit's own run is left out (its row's Status tells its outcome). A convenience: a full user
 * store must not turn a finished run into a failed one.
 */
function rememberEnd(ports: Ports, run: RunState, counts: { applied: number; failed: number }): void {
  if (run.jobs.every((j) => j.live)) return;
  try {
    ports.runs.saveEnd(run.user, { runId: run.runId, kind: run.kind, ...counts, endedAt: ports.clock.now() });
  } catch {
    // The sidebar then says the run finished without its totals (the Status column and the Audit sheet have them).
  }
}

/** A finished undo leaves nothing to undo again. */
function rememberForUndo(ports: Ports, run: RunState): void {
  if (run.kind === 'undo') ports.runs.saveUndo(run.user, { runId: run.runId, changes: [] });
}

/**
 * Buffers finished jobs and writes them (Audit first, then the sheet) a space at a time; rows of spaces still going
 * get a short Status every few seconds (StatusMarker).
 */
class OutcomeRecorder {
  private readonly waiting = new Map<string, RunJob[]>();
  private sheets: Map<string, MemberSheet> | undefined;
  private readonly rows = new Map<string, ReadonlyMap<string, MemberRow> | undefined>();
  /** When each job's answer arrived (its wave's), for the Audit and Status times: not when its space was written. */
  private readonly landed = new Map<RunJob, number>();
  private readonly marker: StatusMarker;
  rowsGone = 0;

  constructor(
    private readonly run: RunState,
    private readonly ports: Ports,
    private readonly alreadyAudited: (job: RunJob) => boolean,
  ) {
    this.marker = new StatusMarker(ports.clock.now(), ports.sheets);
  }

  done(job: RunJob, at: number): void {
    this.landed.set(job, at);
    const list = this.waiting.get(job.space) ?? [];
    list.push(job);
    this.waiting.set(job.space, list);
  }

  /**
   * After a wave: the spaces that have finished are written in full. Spaces still going are not (a full write costs
   * a dozen sheet calls, each an Apps Script round trip): their answered rows get a short Status when a round is due.
   */
  flushFinishedSpaces(stillOpen: ReadonlySet<string>, now: number): void {
    const ready = [...this.waiting.keys()].filter((space) => !stillOpen.has(space));
    if (ready.length > 0) this.flush(ready.flatMap((space) => this.waiting.get(space) ?? []));
    const at = (job: RunJob) => this.landed.get(job) ?? now;
    this.marker.round(
      now,
      () => [...this.waiting.values()].flat().sort((a, b) => at(a) - at(b)),
      (key) => this.sheets$().get(key),
      () => this.ports.runs.save(this.run),
    );
  }

  /**
   * `reread`: late applied jobs whose rows moved on, with the role in Chat read again (see movedOnPatch). One Chat did
   * not answer is written as usual: its row may then repeat a newer write once, but never miss this one.
   */
  flush(jobs: readonly RunJob[], reread: ReadonlyMap<RunJob, ApiRole> = new Map()): void {
    const unrecorded = jobs.filter((j) => !j.recorded);
    for (const job of unrecorded) this.waiting.delete(job.space);
    if (unrecorded.length === 0) return;
    const now = this.ports.clock.now();
    const when = (job: RunJob) => new Date(this.landed.get(job) ?? now);
    const zone = this.ports.sheets.timeZone();
    this.ports.sheets.appendAudit(
      unrecorded.filter((job) => !this.alreadyAudited(job)).map((job) => this.auditEntry(job, when(job), zone)),
    );
    const bySheet = new Map<string, RowPatch[]>();
    for (const job of unrecorded) {
      const list = bySheet.get(sheetKey(job.space, job.access)) ?? [];
      const now = reread.get(job);
      list.push(now === undefined ? rowPatch(job, stamp(when(job), zone)) : movedOnPatch(job, now));
      bySheet.set(sheetKey(job.space, job.access), list);
    }
    for (const [key, patches] of bySheet) {
      const sheet = this.sheets$().get(key);
      this.rowsGone += sheet ? sheet.patchRows(patches).length : patches.length;
    }
    for (const job of unrecorded) job.recorded = true;
    this.ports.runs.save(this.run);
    // After the save: the Undo record is the person's own convenience, the run's state is what must never be lost.
    if (this.run.kind === 'apply') this.ports.runs.appendUndo(this.run.user, this.run.runId, undoChanges(unrecorded));
  }

  /** The rows of a space's sheet for this access, by key, read once (undefined when the sheet is gone). */
  rowsOf(space: string, access: string): ReadonlyMap<string, MemberRow> | undefined {
    const key = sheetKey(space, access);
    if (!this.rows.has(key)) {
      const sheet = this.sheets$().get(key);
      const rows = sheet ? sheet.readRows().values.map((cells) => rowOf(cells)) : undefined;
      this.rows.set(key, rows && new Map(rows.map((row) => [row.key, row])));
    }
    return this.rows.get(key);
  }

  private sheets$(): Map<string, MemberSheet> {
    this.sheets ??= new Map(
      this.ports.sheets.memberSheets().map((s) => [sheetKey(s.meta.space, s.meta.access), s] as const),
    );
    return this.sheets;
  }

  private auditEntry(job: RunJob, when: Date, zone: string): AuditEntry {
    return {
      time: auditTime(when, zone),
      who: this.run.user,
      space: this.run.titles[job.space] ?? job.space,
      member: job.who,
      key: job.key,
      from: job.from,
      to: job.to,
      result: auditResult(job),
      errorStatus: job.errorStatus ?? '',
      errorMessage: job.apiMessage ? `${job.reason ?? ''} · ${job.apiMessage}` : (job.reason ?? ''),
      runId: this.run.runId,
    };
  }
}

function auditResult(job: RunJob): AuditEntry['result'] {
  return job.state === 'applied' ? 'applied' : job.state === 'refused' ? 'refused' : 'failed';
}

/** `key|result` of the changes a run has in the Audit log. */
function auditedKeys(ports: Ports, runId: string): Set<string> {
  const keys = new Set<string>();
  for (const cells of ports.sheets.readAudit()) {
    const entry = auditRecord(cells);
    if (entry.runId === runId) keys.add(`${entry.key}|${entry.result}`);
  }
  return keys;
}
