/**
 * The at-most-once protocol of a bulk run, as a pure state machine over its jobs. Each wave holds at most one request
 * per space: a PATCH for a queued job, or a GET (a "check") for an inflight job whose earlier PATCH has an unknown
 * outcome. A job is never sent again until a check has shown its PATCH was not applied. Time is passed in and
 * randomness injected, so the protocol is tested on a fake clock; the caller does the I/O and persistence.
 */

import { parseFailure } from './api-errors';
import { userMessage } from './errors';
import type { MemberRow } from './member-row';
import { words } from './messages';
import { quotaScope } from './quota-scope';
import { isRetryable, parseRetryAfter } from './retry';
import { type ApiRole, isApiRole, parseRole, truncate, uiRole } from './roles';
import type { RunJob } from './run-state';
import { type Job, WriteScheduler } from './scheduler';
import { CHAT_WRITE_LIMITS } from './scheduler-options';

/** The answer to one request of a wave; `undefined` when there was no HTTP answer at all. */
export interface WaveResult {
  status: number;
  body: string;
  retryAfter: string | undefined;
  /** The request was never sent: no credentials for it (the Chat app's key is missing or refused). Why, in words. */
  notSent?: string;
}

/** One request of a wave: a PATCH of the job's role, or (`check`) a GET of its membership. */
export interface WaveRequest {
  job: RunJob;
  check: boolean;
}

/** GETs that may be sent to learn the outcome of one PATCH whose answer was lost, before it is reported unknown. */
export const MAX_CHECKS = 12;
/** 429s one change may get before it is reported as refused for the quota (they are not counted as attempts). */
export const MAX_THROTTLES = 40;
// The three reasons below are markers kept in the saved run (compared, never shown): bulk-run's reasonText turns
// them into the person's language when a Status is written.
export const UNKNOWN_OUTCOME =
  'Google Chat did not confirm whether this change was made, even after retrying: press Refresh members to see the role in Chat';
/** The reason of a queued change not sent because its row was edited after it was planned. */
export const SUPERSEDED = 'the Role cell was edited again before this change was sent';
/** The reason of a PATCH that Chat answered with another role than the one asked for. */
export const notMade = (role: ApiRole) => words().reason.notMade(uiRole(role));

export const GAVE_UP = 'gave up after several attempts';

export const isOpen = (j: RunJob) => j.state === 'queued' || j.state === 'inflight';

export class RunEngine {
  private readonly scheduler: WriteScheduler<RunJob>;
  private wave: Job<RunJob>[] = [];
  private checks: boolean[] = [];
  /** Upper bound of waves for one execution: a safety net against a protocol bug looping forever. */
  readonly maxWaves: number;

  /** `doubtful`: inflight jobs whose row has been edited since they were planned (see `dropSuperseded`). */
  constructor(
    jobs: readonly RunJob[],
    now: number,
    random: () => number,
    private readonly doubtful: ReadonlySet<RunJob> = new Set(),
  ) {
    this.scheduler = new WriteScheduler(
      jobs.filter(isOpen).map((job) => ({ item: job, space: job.space, attempts: job.attempts })),
      { ...CHAT_WRITE_LIMITS, random },
      now,
    );
    this.maxWaves = (jobs.length * (CHAT_WRITE_LIMITS.maxAttempts + MAX_CHECKS + MAX_THROTTLES) + 10) * 4;
  }

  get done(): boolean {
    return this.scheduler.done;
  }

  /** Spaces that still have open jobs (their outcomes are written once a space has none). */
  openSpaces(): Set<string> {
    return this.scheduler.openSpaces();
  }

  /** The next wave, its jobs marked inflight (the run must be saved before it is sent); or how long to wait. */
  nextWave(now: number): { requests: WaveRequest[]; waitMs: number } {
    const { batch, waitMs } = this.scheduler.nextWave(now);
    this.wave = batch;
    this.checks = batch.map((job) => job.item.state === 'inflight');
    batch.forEach((job, i) => {
      // A check is a read: it is counted apart, and does not use up one of the change's attempts.
      if (this.checks[i]) {
        job.attempts -= 1;
        job.item.checks = (job.item.checks ?? 0) + 1;
      }
      job.item.attempts = job.attempts;
      job.item.state = 'inflight';
    });
    return { requests: batch.map((job, i) => ({ job: job.item, check: this.checks[i] === true })), waitMs };
  }

  /** Call when the wave is handed to the network (the per-space pacing counts from here). */
  sent(now: number): void {
    this.scheduler.sent(this.wave, now);
  }

  /** Applies the wave's answers, in request order; returns the retries and the jobs that reached an outcome. */
  settle(results: readonly (WaveResult | undefined)[], now: number): { retries: number; finished: RunJob[] } {
    let retries = 0;
    const finished: RunJob[] = [];
    // A 429 on a write may tell of the project quota shared with other runs: the pacing adapts to it.
    const writes: { space: string; result: WaveResult }[] = [];
    this.wave.forEach((job, i) => {
      const result = results[i];
      if (result && result.notSent === undefined && !this.checks[i]) writes.push({ space: job.space, result });
    });
    const refusals = writes
      .filter((w) => w.result.status === 429)
      .map((w) => ({ space: w.space, scope: quotaScope(w.result.body) }));
    this.scheduler.observe(now, writes.length, refusals);
    this.wave.forEach((job, i) => {
      if (!this.checks[i] && results[i]) this.scheduler.answered(job, now);
      if (this.settleOne(job, this.checks[i] === true, results[i], now)) retries++;
      if (!isOpen(job.item)) {
        this.scheduler.finish(job);
        finished.push(job.item);
      }
    });
    this.wave = [];
    return { retries, finished };
  }

  /** Applies one response to its job; returns true when the job was put back for a retry. */
  private settleOne(job: Job<RunJob>, wasCheck: boolean, result: WaveResult | undefined, now: number): boolean {
    const item = job.item;
    // Never sent (no credentials for it): nothing reached Chat in this wave, the reason goes to the row.
    if (result?.notSent !== undefined) return fail(item, 0, result.notSent);
    if (!result) {
      // No answer at all (network error): the PATCH may have been applied; check before sending it again.
      if (wasCheck) return this.retryCheck(job, now, 0, undefined);
      item.state = 'inflight';
      this.scheduler.requeue(job, now);
      return true;
    }
    if (result.status === 200) return this.settleAnswer(job, wasCheck, roleIn(result.body), now);
    if (isRetryable(result.status)) {
      const retryAfter = parseRetryAfter(result.retryAfter, now);
      // A failed check: the outcome is still unknown, so it is checked again (never sent again unchecked).
      if (wasCheck) return this.retryCheck(job, now, result.status, retryAfter);
      if (result.status !== 429) {
        // A 5xx on a PATCH leaves the outcome unknown: it is checked, even when its attempts are used up.
        item.state = 'inflight';
        this.scheduler.requeue(job, now, retryAfter);
        return true;
      }
      // 429 means not applied. It is not one of the change's attempts either: when several runs share the project
      // quota, a change can be refused many times before its turn comes, and must not be given up for that. Its own
      // bound (MAX_THROTTLES) keeps the loop finite; its backoff grows with the refusals.
      item.state = 'queued';
      job.attempts -= 1;
      item.attempts = job.attempts;
      item.throttles = (item.throttles ?? 0) + 1;
      if (item.throttles <= MAX_THROTTLES) {
        // Refused for its space's own second (two of our writes landed less than a second apart): it goes again at
        // the space's next turn, a gap that observe() has just widened. Backoff is for the project quota shared with
        // others; here it only left the space idle (a second and a half on average, the whole run in a one-space run).
        if (retryAfter === undefined && quotaScope(result.body) === 'space') this.scheduler.requeue(job, now, 0);
        else this.scheduler.requeue(job, now, retryAfter, item.throttles);
        return true;
      }
    }
    const failure = parseFailure(result.status, result.body);
    // The Status says it in one sentence; Chat's own (English, technical) words go to the Audit sheet only.
    if (failure.message) item.apiMessage = truncate(failure.message, 300);
    return fail(item, result.status, userMessage(failure));
  }

  /** A 200: the PATCH's answer, or the GET after an unknown outcome telling whether it was applied. */
  private settleAnswer(job: Job<RunJob>, wasCheck: boolean, role: ApiRole | undefined, now: number): boolean {
    const item = job.item;
    if (!wasCheck) {
      if (role === item.to) {
        item.state = 'applied';
        return false;
      }
      if (role === undefined) {
        // A 200 that does not say the role: the outcome is unknown, so it is read back before anything else.
        item.state = 'inflight';
        this.scheduler.requeue(job, now);
        return true;
      }
      // Chat answered, but the membership does not carry the requested role: the change was not made.
      return fail(item, 0, notMade(role));
    }
    if (role === item.to) {
      item.state = 'applied';
      return false;
    }
    if (role === item.from && this.doubtful.has(item)) {
      // Not applied, and its row has been edited since it was planned: the newer edit wins, it is not sent again.
      item.state = 'refused';
      item.reason = SUPERSEDED;
      return false;
    }
    if (role === item.from) {
      item.state = 'queued';
      return this.scheduler.retry(job, now, 0) || fail(item, 0, GAVE_UP);
    }
    return fail(item, 0, words().reason.changedMeanwhile(role ? uiRole(role) : words().noRole));
  }

  /** Checks an unknown outcome again later, until MAX_CHECKS reads have gone unanswered. */
  private retryCheck(job: Job<RunJob>, now: number, status: number, retryAfter: number | undefined): boolean {
    job.item.state = 'inflight';
    if ((job.item.checks ?? 0) < MAX_CHECKS) {
      this.scheduler.requeue(job, now, retryAfter);
      return true;
    }
    // Chat would not say whether the PATCH was applied: reported as unknown, and the row is left as typed.
    return fail(job.item, status, UNKNOWN_OUTCOME);
  }
}

function fail(item: RunJob, status: number, reason: string): false {
  item.state = 'failed';
  item.reason = reason;
  if (status) item.errorStatus = status;
  return false;
}

/** The role a 200 answer's membership carries (undefined when it says none, or is not JSON). */
export function roleIn(body: string): ApiRole | undefined {
  try {
    const role = (JSON.parse(body) as { role?: unknown }).role;
    return isApiRole(role) ? role : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Open jobs planned in an earlier execution whose row no longer asks for them: its Role cell was edited (another
 * role, or back to the role in Chat), or its role in Chat changed through someone else's edit. Queued ones are marked
 * refused (never sent) and returned in `dropped`; inflight ones (a PATCH may have been applied) are `doubtful`: checked
 * as usual, but not sent again if the check finds them not applied. The newer edit is left to its own trigger or the
 * next bulk apply. A row that is gone (or a sheet that is gone) keeps its job: the change was asked for; its outcome
 * goes to the Audit log.
 */
export function dropSuperseded(
  open: readonly RunJob[],
  rowsOf: (space: string, access: string) => ReadonlyMap<string, MemberRow> | undefined,
): { dropped: RunJob[]; doubtful: Set<RunJob> } {
  const dropped: RunJob[] = [];
  const doubtful = new Set<RunJob>();
  for (const job of open) {
    const row = rowsOf(job.space, job.access)?.get(job.key);
    if (!row || (asks(job, row.role) && row.serverRole === job.from)) continue;
    if (job.state === 'inflight') {
      doubtful.add(job);
      continue;
    }
    job.state = 'refused';
    job.reason = SUPERSEDED;
    dropped.push(job);
  }
  return { dropped, doubtful };
}

/**
 * Whether a Role cell still asks for the job: its target role, or — for an undo, whose rows show the role in Chat
 * until it is applied — its starting role.
 */
export function asks(job: RunJob, cell: string): boolean {
  const typed = parseRole(cell);
  return typed.ok && (typed.role === job.to || (job.undo === true && typed.role === job.from));
}

/** A row whose Role cell asks for another role than the one its server-role cell says Chat has. */
export function isPending(row: Pick<MemberRow, 'role' | 'serverRole'>): boolean {
  const typed = parseRole(row.role);
  return !(typed.ok && typed.role === row.serverRole);
}
