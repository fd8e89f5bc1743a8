import type { QuotaScope } from '../../src/domain/quota-scope';
import { type Refusal, WriteScheduler } from '../../src/domain/scheduler';
import { CHAT_WRITE_LIMITS } from '../../src/domain/scheduler-options';

/** A token bucket like the project's write quota: `perSecond`, holding one second's worth. */
class Bucket {
  private tokens: number;
  private at = 0;
  constructor(private readonly perSecond: number) {
    this.tokens = Math.max(1, perSecond);
  }
  has(now: number): boolean {
    // Arrivals may come slightly out of order (network jitter): time never runs backwards for the bucket.
    this.tokens = Math.min(
      Math.max(1, this.perSecond),
      this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond,
    );
    this.at = Math.max(this.at, now);
    return this.tokens >= 1;
  }
  take(): void {
    this.tokens -= 1;
  }
}

interface Outcome {
  seconds: number;
  requests: number;
  http429: number;
  lost: number;
  duplicates: number;
}

/**
 * `runs` runs on one fake clock sharing one project's 5 writes/s (each space 1/s), each run `spaces` × `perSpace`
 * changes in spaces of its own; every answer takes `latencyMs`. A run is one loop: pick a wave, send, wait for the
 * answers, settle, as the run engine does. `named`: whether a 429 says which quota refused it (Google's project
 * quota errors do; the body of a per-space 429 is not documented, so both answers are tested).
 */
function simulate(
  runs: number,
  spaces: number,
  perSpace: number,
  latencyMs = 150,
  named = true,
  jitterMs = 0,
): Outcome {
  const project = new Bucket(5);
  const spaceBuckets = new Map<string, Bucket>();
  let random = 1;
  const rand = () => {
    random = (random * 48271) % 2147483647;
    return random / 2147483647;
  };
  const schedulers = Array.from({ length: runs }, (_, r) => {
    const items = Array.from({ length: spaces * perSpace }, (_, i) => ({
      item: `r${r}/s${i % spaces}/m${i}`,
      space: `r${r}/s${i % spaces}`,
    }));
    return new WriteScheduler(items, { ...CHAT_WRITE_LIMITS, random: rand }, 0);
  });
  const wakeAt = schedulers.map(() => 0);
  const applied = new Map<string, number>();
  let requests = 0;
  let http429 = 0;
  let lost = 0;
  let now = 0;
  for (let guard = 0; guard < 1_000_000 && schedulers.some((s) => !s.done); guard++) {
    // The run whose turn comes first acts (ties: the lowest index), like executions interleaving in time.
    let r = -1;
    for (let i = 0; i < runs; i++) {
      if (!schedulers[i]?.done && (r < 0 || (wakeAt[i] as number) < (wakeAt[r] as number))) r = i;
    }
    const scheduler = schedulers[r] as WriteScheduler<string>;
    now = wakeAt[r] as number;
    const { batch, waitMs } = scheduler.nextWave(now);
    if (batch.length === 0) {
      wakeAt[r] = now + waitMs;
      continue;
    }
    scheduler.sent(batch, now);
    const refusals: Refusal[] = [];
    const answers = batch.map((job) => {
      requests++;
      const bucket = spaceBuckets.get(job.space) ?? new Bucket(1);
      spaceBuckets.set(job.space, bucket);
      // Both buckets must have a token, or the write is refused and neither is charged (as the emulator does).
      // Each write reaches Chat up to `jitterMs` later than it left (the network), so two writes sent a bucket's refill
      // apart may arrive closer together.
      const arrives = now + Math.floor(rand() * (jitterMs + 1));
      const projectOk = project.has(arrives);
      const ok = projectOk && bucket.has(arrives);
      if (ok) {
        project.take();
        bucket.take();
      } else {
        http429++;
        const scope: QuotaScope = named ? (projectOk ? 'space' : 'project') : 'unknown';
        refusals.push({ space: job.space, scope });
      }
      return ok;
    });
    const answeredAt = now + latencyMs;
    scheduler.observe(answeredAt, batch.length, refusals);
    batch.forEach((job, i) => {
      if (answers[i]) {
        applied.set(job.item, (applied.get(job.item) ?? 0) + 1);
        scheduler.finish(job);
      } else if (!scheduler.retry(job, answeredAt)) lost++;
    });
    wakeAt[r] = answeredAt;
  }
  return {
    seconds: now / 1000,
    requests,
    http429,
    lost,
    duplicates: [...applied.values()].filter((n) => n > 1).length,
  };
}

const refused = (n: number, scope: QuotaScope = 'project', spaces = ['A', 'B', 'C']): Refusal[] =>
  Array.from({ length: n }, (_, i) => ({ space: spaces[i % spaces.length] as string, scope }));

describe('adaptive project pacing (three runs sharing one project quota)', () => {
  it.each([
    ['429s that name their quota', true],
    ['429s that name no quota', false],
  ])(
    'three people × 300 changes at once converge on the project quota (%s): fast, few 429s, nothing lost',
    (_, named) => {
      const outcome = simulate(3, 10, 30, 150, named);
      const floorSeconds = 900 / 5;
      expect(outcome.lost).toBe(0);
      expect(outcome.duplicates).toBe(0);
      expect(floorSeconds / outcome.seconds).toBeGreaterThanOrEqual(0.85);
      expect(outcome.http429 / outcome.requests).toBeLessThanOrEqual(0.05);
    },
  );

  it('one run alone keeps the full project rate', () => {
    const outcome = simulate(1, 10, 30);
    expect(outcome.http429).toBe(0);
    expect(300 / 5 / outcome.seconds).toBeGreaterThanOrEqual(0.95);
  });

  it('one run alone keeps the full rate through network jitter at the quota edge (bench scenario 1: 600 changes, 20 spaces)', () => {
    const outcome = simulate(1, 20, 30, 150, true, 400);
    expect(outcome.lost).toBe(0);
    expect(120 / outcome.seconds).toBeGreaterThanOrEqual(0.95);
  });

  it('cuts the rate by the share of refused writes, then probes back up while no 429 comes', () => {
    const scheduler = new WriteScheduler([{ item: 'a', space: 'A' }], { ...CHAT_WRITE_LIMITS, random: () => 0 }, 0);
    expect(scheduler.projectPerMinute).toBe(300);
    // Every write refused: the deepest cut (to a fifth).
    scheduler.observe(0, 5, refused(5));
    expect(scheduler.projectPerMinute).toBeCloseTo(60);
    // More 429s inside the cool-down (answers to writes sent at the old rate) do not cut again.
    scheduler.observe(500, 2, refused(2));
    expect(scheduler.projectPerMinute).toBeCloseTo(60);
    scheduler.observe(4000, 3, []);
    const early = scheduler.projectPerMinute;
    expect(early).toBeGreaterThan(60);
    scheduler.observe(14_000, 3, []);
    // The longer without a 429, the faster it grows: more in these ten seconds than 1.5 a minute per second.
    expect(scheduler.projectPerMinute - early).toBeGreaterThan(15);
    expect(scheduler.projectPerMinute).toBeLessThanOrEqual(300);
    // One refused write in a few: a gentle cut (to at most 80 %).
    scheduler.observe(20_000, 10, []);
    const before = scheduler.projectPerMinute;
    scheduler.observe(20_000, 10, refused(1));
    expect(scheduler.projectPerMinute).toBeCloseTo(before * 0.8);
  });

  it('keeps the full rate through per-space 429s (one space written twice within its second says nothing of other runs)', () => {
    const scheduler = new WriteScheduler([{ item: 'a', space: 'A' }], { ...CHAT_WRITE_LIMITS, random: () => 0 }, 0);
    scheduler.observe(1000, 5, refused(1, 'space'));
    scheduler.observe(4000, 5, refused(3, 'space'));
    expect(scheduler.projectPerMinute).toBe(300);
  });

  it('at the full rate, takes a lone 429 now and then for jitter at the quota edge; more, or more often, cuts', () => {
    const limits = { ...CHAT_WRITE_LIMITS, random: () => 0 };
    const scheduler = new WriteScheduler([{ item: 'a', space: 'A' }], limits, 0);
    // One refused (named or not) every so often: retried, the rate kept.
    scheduler.observe(1000, 10, refused(1, 'project'));
    scheduler.observe(25_000, 10, refused(1, 'unknown'));
    expect(scheduler.projectPerMinute).toBe(300);
    // Another one soon after: another run is writing too.
    scheduler.observe(28_000, 10, refused(1, 'unknown'));
    expect(scheduler.projectPerMinute).toBeLessThan(300);
    // Two in one window cut at once.
    const other = new WriteScheduler([{ item: 'a', space: 'A' }], limits, 0);
    other.observe(1000, 10, refused(2, 'project'));
    expect(other.projectPerMinute).toBeLessThan(300);
  });
});
