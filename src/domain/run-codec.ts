/**
 * How a bulk run is kept in document properties (500 kB shared by every user of the add-on in the spreadsheet, 9 KB
 * per value), in two parts, so a run of 10,000 changes stays far below half of that at every save:
 *
 * - The **plan**: what each job changes (member, who, roles, row, access). It never changes once confirmed, so it is
 *   written once, in segments (the first when the run starts, one more each time changes are added to an open run),
 *   and never re-encoded by the waves. Compact: jobs grouped per space, member ids without their `spaces/…/members/`
 *   prefix, a table of distinct `who` values, both roles and the flags in one number. The store gzips it.
 * - The **progress**: what has happened to each job. Rewritten every 2 s of a run (each wave in between adds its writes
 *   to the sent journal, run-journal.ts), so it is small: one letter per job,
 *   run-length encoded (a space's jobs go out in order, so a run is mostly long runs of one letter), and details
 *   (attempts, checks, reason) only for jobs that are not settled. A settled job (finished and recorded in the sheet
 *   and the Audit log) is only its letter: nothing reads more of it again.
 *
 * Both carry the run's id; the progress says how many jobs each segment holds. Anything that does not fit together
 * (a damaged value, a segment of another run, a count that does not add up) decodes to undefined: the run is then
 * not continued rather than guessed, and nothing is sent for it.
 */

import { type Access, isAccess } from './access';
import { type ApiRole, isApiRole } from './roles';
import type { JobState, RunJob, RunState } from './run-state';

const ROLES: ApiRole[] = ['ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER'];
const UNDO = 9;
const LIVE = 18;
const FORMAT = 2;

/**
 * One segment of the plan as text (before compression): `first` is the run's index of its first job. Column by
 * column, so gzip finds the repeats: member ids in one string; `who` as the distinct values in order of first use,
 * with 0 for "the next new one" (most members appear once); both roles and the flags as one letter; row indexes as
 * differences from the job before (mostly 1).
 */
export function encodePlan(runId: string, first: number, jobs: readonly RunJob[], titles: Record<string, string>) {
  const who: string[] = [];
  const whoIndex = new Map<string, number>();
  const groups: [string, Access, number][] = [];
  const members: string[] = [];
  const whoRefs: number[] = [];
  const rows: number[] = [];
  let codes = '';
  let row = 0;
  const segmentTitles: Record<string, string> = {};
  for (const job of jobs) {
    const last = groups[groups.length - 1];
    if (last && last[0] === job.space && last[1] === job.access) last[2]++;
    else groups.push([job.space, job.access, 1]);
    const title = titles[job.space];
    if (title !== undefined) segmentTitles[job.space] = title;
    const w = whoIndex.get(job.who);
    if (w === undefined) {
      whoIndex.set(job.who, who.push(job.who));
      whoRefs.push(0);
    } else whoRefs.push(w);
    const prefix = `${job.space}/members/`;
    // A key outside its space's prefix (never made by the planner) is kept whole, marked by its leading '/'.
    members.push(job.key.startsWith(prefix) ? job.key.slice(prefix.length) : `/${job.key}`);
    const code = ROLES.indexOf(job.from) * 3 + ROLES.indexOf(job.to) + (job.undo ? UNDO : 0) + (job.live ? LIVE : 0);
    codes += code.toString(36);
    rows.push(job.index - row);
    row = job.index;
  }
  return JSON.stringify({
    v: FORMAT,
    id: runId,
    first,
    t: segmentTitles,
    g: groups,
    m: members.join(' '),
    w: who,
    wr: whoRefs,
    c: codes,
    x: rows,
  });
}

/** A plan segment's jobs (all queued, untried) and titles; undefined unless it is this run's segment at `first`. */
export function decodePlan(
  text: string,
  runId: string,
  first: number,
): { jobs: RunJob[]; titles: Record<string, string> } | undefined {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const { g, m, w, wr, c, x } = raw;
    if (raw.v !== FORMAT || raw.id !== runId || raw.first !== first) return undefined;
    if (!Array.isArray(g) || typeof m !== 'string' || !Array.isArray(w) || !Array.isArray(wr)) return undefined;
    if (typeof c !== 'string' || !Array.isArray(x)) return undefined;
    const members = m === '' ? [] : m.split(' ');
    const n = members.length;
    if (wr.length !== n || c.length !== n || x.length !== n) return undefined;
    const jobs: RunJob[] = [];
    let newWho = 0;
    let row = 0;
    for (const entry of g as unknown[]) {
      const [space, access, count] = Array.isArray(entry) ? entry : [];
      if (typeof space !== 'string' || !isAccess(access) || !Number.isInteger(count) || count < 1) return undefined;
      for (let k = 0; k < count; k++) {
        const i = jobs.length;
        const ref = Number(wr[i]);
        const who = ref === 0 ? w[newWho++] : w[ref - 1];
        row += Number(x[i]);
        const job = plannedJob(space, access, members[i], who, Number.parseInt(c.charAt(i), 36), row);
        if (!job) return undefined;
        jobs.push(job);
      }
    }
    const titles = raw.t && typeof raw.t === 'object' ? (raw.t as Record<string, string>) : {};
    return jobs.length === n ? { jobs, titles } : undefined;
  } catch {
    return undefined;
  }
}

function plannedJob(space: string, access: Access, member: unknown, who: unknown, code: number, index: number) {
  if (typeof member !== 'string' || member === '' || typeof who !== 'string') return undefined;
  if (!Number.isInteger(code) || code < 0 || code >= 36 || !Number.isInteger(index)) return undefined;
  const key = member.startsWith('/') ? member.slice(1) : `${space}/members/${member}`;
  const roles = code % 9;
  const from = ROLES[Math.floor(roles / 3)];
  const to = ROLES[roles % 3];
  if (!isApiRole(from) || !isApiRole(to)) return undefined;
  const job: RunJob = { access, index, key, space, who, from, to, attempts: 0, state: 'queued' };
  if (Math.floor(code / 9) % 2 === 1) job.undo = true;
  if (code >= LIVE) job.live = true;
  return job;
}

/** One letter per job: lower case while its outcome is not yet recorded, upper case once it is (settled). */
function letterOf(job: RunJob): string {
  const state = job.state;
  if (state === 'queued') return 'q';
  if (state === 'inflight') return 'i';
  if (state === 'applied') return job.recorded ? 'A' : 'a';
  if (state === 'failed') return job.recorded ? 'F' : 'f';
  return job.recorded ? 'R' : 'r';
}
const STATE_OF: Record<string, [JobState, boolean]> = {
  q: ['queued', false],
  i: ['inflight', false],
  a: ['applied', false],
  A: ['applied', true],
  f: ['failed', false],
  F: ['failed', true],
  r: ['refused', false],
  R: ['refused', true],
};

/**
 * The run's mutable part as text: `segments` are the job counts of its plan segments, in order. Called before every
 * wave, over every job of the run: a plain loop, no allocation per job (the bench counts each real millisecond of
 * CPU twenty times).
 */
export function encodeProgress(run: RunState, segments: readonly number[], generation = 0): string {
  const runs: string[] = [];
  let letter = '';
  let count = 0;
  const details: (number | string)[][] = [];
  const reasons: string[] = [];
  const jobs = run.jobs;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as RunJob;
    const l = letterOf(job);
    if (l !== letter) {
      if (count > 0) runs.push(count === 1 ? letter : letter + count);
      letter = l;
      count = 0;
    }
    count++;
    // Settled jobs need nothing more. Finished ones waiting to be recorded keep their reason (the sheet and the Audit
    // log show it); only open ones keep attempts and checks (the engine reads them): in a run over many spaces most
    // jobs are finished long before their space is, and must cost one letter each.
    if (l === 'A' || l === 'F' || l === 'R') continue;
    const open = l === 'q' || l === 'i';
    if (open && job.attempts === 0 && !job.checks && !job.throttles && job.reason === undefined) continue;
    const attempts = open ? job.attempts : 0;
    const checks = open ? (job.checks ?? 0) : 0;
    // 429s are counted apart from attempts, with a bound of their own (run-engine's MAX_THROTTLES): kept across
    // executions so that bound holds for the whole run.
    const throttles = open ? (job.throttles ?? 0) : 0;
    if (attempts === 0 && checks === 0 && throttles === 0 && job.reason === undefined && !job.errorStatus) continue;
    let r = job.reason === undefined ? -1 : reasons.indexOf(job.reason);
    if (job.reason !== undefined && r < 0) r = reasons.push(job.reason) - 1;
    details.push(
      throttles > 0
        ? [i, attempts, checks, r, job.errorStatus ?? 0, throttles]
        : [i, attempts, checks, r, job.errorStatus ?? 0],
    );
  }
  if (count > 0) runs.push(count === 1 ? letter : letter + count);
  return JSON.stringify({
    v: FORMAT,
    id: run.runId,
    kind: run.kind,
    u: run.user,
    at: run.startedAt,
    p: segments,
    // Which sent journal (run-journal.ts) follows this progress.
    g: generation,
    s: runs.join(''),
    d: details,
    r: reasons,
    // Counts of jobs a run saved by an earlier version had already dropped (that version kept only counts).
    ...(run.settled ? { c: [run.settled.applied, run.settled.failed] } : {}),
  });
}

export interface StoredProgress {
  runId: string;
  kind: RunState['kind'];
  user: string;
  startedAt: string;
  /** Job counts of the plan segments, in order. */
  segments: number[];
  /** Raised at each save: the sent journal written after this progress carries the same number. */
  generation: number;
  settled?: { applied: number; failed: number };
  apply(jobs: RunJob[]): boolean;
}

/** The progress part, or undefined when it is not one; `apply` puts it onto the plan's jobs (false if they differ). */
export function decodeProgress(text: string): StoredProgress | undefined {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const { id, u, p, s, d, r, c } = raw;
    if (raw.v !== FORMAT || typeof id !== 'string' || typeof u !== 'string' || typeof s !== 'string') return undefined;
    if (!Array.isArray(p) || !p.every((n) => Number.isInteger(n) && n > 0) || !Array.isArray(d) || !Array.isArray(r))
      return undefined;
    const progress: StoredProgress = {
      runId: id,
      kind: raw.kind === 'undo' ? 'undo' : 'apply',
      user: u,
      startedAt: String(raw.at ?? ''),
      segments: p as number[],
      generation: Number.isInteger(raw.g) ? (raw.g as number) : -1,
      apply: (jobs) => applyStates(jobs, s, d as unknown[][], r as unknown[]),
    };
    if (Array.isArray(c)) progress.settled = { applied: Number(c[0]) || 0, failed: Number(c[1]) || 0 };
    return progress;
  } catch {
    return undefined;
  }
}

function applyStates(jobs: RunJob[], states: string, details: unknown[][], reasons: unknown[]): boolean {
  let at = 0;
  for (const [, letter, digits] of states.matchAll(/([qiaAfFrR])(\d*)/g)) {
    const [state, recorded] = STATE_OF[letter as string] ?? ['queued', false];
    const count = digits ? Number(digits) : 1;
    if (at + count > jobs.length) return false;
    for (const job of jobs.slice(at, at + count)) {
      job.state = state;
      if (recorded) job.recorded = true;
    }
    at += count;
  }
  if (at !== jobs.length || states.replace(/([qiaAfFrR])(\d*)/g, '') !== '') return false;
  for (const [i, attempts, checks, reason, status, throttles] of details) {
    const job = jobs[Number(i)];
    if (!job) return false;
    job.attempts = Number(attempts) || 0;
    if (Number(checks) > 0) job.checks = Number(checks);
    if (Number(throttles) > 0) job.throttles = Number(throttles);
    const text = reasons[Number(reason)];
    if (typeof text === 'string') job.reason = text;
    if (Number(status) > 0) job.errorStatus = Number(status);
  }
  return true;
}
