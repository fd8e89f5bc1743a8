import { gzipSync } from 'node:zlib';
import { decodePlan, decodeProgress, encodePlan, encodeProgress } from '../../src/domain/run-codec';
import { progressOf, type RunJob, type RunState } from '../../src/domain/run-state';
import { realisticRun } from '../support/realistic-run';

/** What the store does with a plan segment (Utilities.gzip, then base64Encode). */
const packedSize = (text: string) => gzipSync(Buffer.from(text, 'utf8')).toString('base64').length;

/** The run as the store gives it back: the plan's jobs with the progress put onto them. */
function roundTrip(run: RunState, cuts: number[] = [run.jobs.length]): RunState | undefined {
  const segments: number[] = [];
  const jobs: RunJob[] = [];
  const titles: Record<string, string> = {};
  let first = 0;
  for (const cut of cuts) {
    const text = encodePlan(run.runId, first, run.jobs.slice(first, cut), run.titles);
    const plan = decodePlan(text, run.runId, first);
    if (!plan) return undefined;
    jobs.push(...plan.jobs);
    Object.assign(titles, plan.titles);
    segments.push(cut - first);
    first = cut;
  }
  const progress = decodeProgress(encodeProgress(run, segments));
  if (!progress?.apply(jobs)) return undefined;
  return {
    runId: progress.runId,
    kind: progress.kind,
    user: progress.user,
    startedAt: progress.startedAt,
    titles,
    jobs,
  };
}

/** What a decoded run has of each job: settled ones only their letter, finished ones no attempts or checks. */
const asStored = (run: RunState): RunState => ({
  ...run,
  jobs: run.jobs.map((j) => {
    if (j.state === 'queued' || j.state === 'inflight') return j;
    const { attempts: _a, checks: _c, throttles: _t, reason, errorStatus, ...rest } = j;
    if (j.recorded) return { ...rest, attempts: 0 };
    return {
      ...rest,
      attempts: 0,
      ...(reason !== undefined ? { reason } : {}),
      ...(errorStatus ? { errorStatus } : {}),
    };
  }),
});

function midRun(): RunState {
  const run = realisticRun(3, 4);
  const [a, b, c, d, e, f, g] = run.jobs as [RunJob, RunJob, RunJob, RunJob, RunJob, RunJob, RunJob];
  Object.assign(a, { state: 'applied', recorded: true, attempts: 1 });
  Object.assign(b, { state: 'failed', recorded: true, attempts: 2, reason: 'no permission', errorStatus: 403 });
  Object.assign(c, { state: 'inflight', attempts: 1, checks: 3 });
  Object.assign(d, { state: 'failed', attempts: 1, reason: 'no permission', errorStatus: 403 });
  Object.assign(e, { state: 'refused', reason: 'the Role cell was edited again before this change was sent' });
  Object.assign(f, { state: 'queued', attempts: 2, throttles: 9, undo: true });
  Object.assign(g, { state: 'applied', attempts: 1, live: true, key: 'spaces/AAAAother00/members/123' });
  return run;
}

describe('run store encoding', () => {
  it('round-trips a run in the middle of its work, over several plan segments', () => {
    const run = midRun();
    expect(roundTrip(run, [5, 9, run.jobs.length])).toEqual(asStored(run));
    expect(roundTrip(run)).toEqual(asStored(run));
  });

  it('keeps a 10,000-change run of realistic ids and names below half the 500 kB store, and its progress tiny', () => {
    const run = realisticRun(100, 100);
    // 21-digit ids and a distinct name for every member: about 197 kB packed (the one-value format: 851 kB of JSON).
    const plan = packedSize(encodePlan(run.runId, 0, run.jobs, run.titles));
    expect(plan).toBeLessThan(205_000);
    // The waves rewrite only the progress: at the start, half-way (every space half done, one job in flight each).
    expect(encodeProgress(run, [10_000]).length).toBeLessThan(300);
    run.jobs.forEach((job, i) => {
      if (i % 100 < 50) Object.assign(job, { state: 'applied', attempts: 1, recorded: i % 100 < 40 });
      if (i % 100 === 50) Object.assign(job, { state: 'inflight', attempts: 1 });
    });
    const half = encodeProgress(run, [10_000]);
    expect(half.length).toBeLessThan(5_000);
    const back = roundTrip(run);
    expect(back && progressOf(back)).toEqual(progressOf(run));
  });

  it('rejects a damaged or foreign store instead of guessing', () => {
    const run = midRun();
    const plan = encodePlan(run.runId, 0, run.jobs, run.titles);
    expect(decodePlan(plan, 'another-run', 0)).toBeUndefined();
    expect(decodePlan(plan, run.runId, 4)).toBeUndefined();
    expect(decodePlan(plan.slice(0, -3), run.runId, 0)).toBeUndefined();
    expect(decodePlan(plan.replace('"c":"', '"c":"z'), run.runId, 0)).toBeUndefined();
    expect(decodePlan(plan.replace('"user"', '"root"'), run.runId, 0)).toBeUndefined();
    expect(decodePlan('not json', run.runId, 0)).toBeUndefined();
    const progress = encodeProgress(run, [run.jobs.length]);
    expect(decodeProgress('{"v":1}')).toBeUndefined();
    expect(decodeProgress(progress.replace('"p":[12]', '"p":[0]'))).toBeUndefined();
    // A progress of another length than the plan, or with letters it does not know, is not applied.
    const fresh = () => decodePlan(plan, run.runId, 0)?.jobs ?? [];
    expect(decodeProgress(encodeProgress({ ...run, jobs: run.jobs.slice(1) }, [11]))?.apply(fresh())).toBe(false);
    expect(decodeProgress(progress.replace('"s":"', '"s":"Z'))?.apply(fresh())).toBe(false);
    expect(decodeProgress(progress)?.apply(fresh())).toBe(true);
  });
});
