/**
 * Paces membership writes to the Chat quotas: at most one write per second per space and `projectPerMinute` writes a
 * minute for the whole project (a token bucket holding one second's worth less one write, see `bucketSize`). Within a
 * space, jobs run in order and a retried job keeps its place, so a promotion to Owner always lands before the
 * demotion planned after it. Pure: time is passed in, randomness is injected.
 *
 * The project quota is shared by every person and every run using the add-on at once, and a run cannot see the
 * others. So the project rate adapts (AIMD, as TCP shares a link): a wave with 429s cuts the rate by the share of
 * recent writes that were refused (by twice the refused share, at least to `cutFactor`, at most to `floorFactor`, once
 * per `cutCooldownMs`), which takes three runs starting together to about a third each in a step or two; without 429s
 * the rate creeps back up, faster the longer it has been calm, to find capacity another run has left.
 *
 * Only the project quota's 429s count: a per-space 429 (two writes to one space less than a second apart) says
 * nothing about other runs. A 429 that names no quota counts (Google does not document a per-space 429's body, so it
 * may be either). And at the full rate, a lone 429 in the window, once in `tolerateEveryMs`, is the edge of the quota
 * itself — network jitter brings two seconds' writes into one — not another run: cutting for it
 * made a run alone 10–15 % slower, while a retry costs one request.
 */

import { backoffMs } from './retry';
import type { Refusal, SchedulerOptions } from './scheduler-options';

export type { Refusal } from './scheduler-options';

export interface Job<T> {
  item: T;
  space: string;
  attempts: number;
  readyAt: number;
  /** When its last attempt left (see `sent`). */
  sentAt?: number;
}

export class WriteScheduler<T> {
  private readonly queues = new Map<string, Job<T>[]>();
  private readonly spaceFreeAt = new Map<string, number>();
  /** Extra gap per space after its per-space 429s, and when the last one came. */
  private readonly spaceExtra = new Map<string, { ms: number; refusedAt: number }>();
  /** The round trips of the last writes answered (see `answered`). */
  private readonly roundTrips: number[] = [];
  private tokens: number;
  private tokensAt: number;
  private ratePerMs: number;
  private capacity: number;
  private readonly maxRatePerMs: number;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastToleratedAt = Number.NEGATIVE_INFINITY;
  /** The rate at which the last 429s came: probing slows down near it (where the other runs are likely to be). */
  private lastLimitPerMs = Number.POSITIVE_INFINITY;
  /** Recent waves' answers: when, how many writes were answered, and the 429s among them. */
  private recent: { at: number; answered: number; refusals: readonly Refusal[] }[] = [];

  constructor(
    items: readonly { item: T; space: string; attempts?: number }[],
    private readonly options: SchedulerOptions,
    now: number,
  ) {
    for (const { item, space, attempts = 0 } of items) {
      const queue = this.queues.get(space) ?? [];
      queue.push({ item, space, attempts, readyAt: now });
      this.queues.set(space, queue);
    }
    this.maxRatePerMs = options.projectPerMinute / 60_000;
    this.ratePerMs = this.maxRatePerMs;
    this.capacity = bucketSize(this.maxRatePerMs);
    // A run starts with one write, not a burst: Chat's bucket (full, as far as we know) then stays a few writes ahead.
    this.tokens = Math.min(1, this.capacity);
    this.tokensAt = now;
  }

  get remaining(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  /** Jobs to send now (at most one per space), or how long to wait before asking again. */
  nextWave(now: number): { batch: Job<T>[]; waitMs: number } {
    this.refill(now);
    // The space written least recently first: when the project rate is the bottleneck, every space still gets its
    // turn, and no space is picked again the moment its one-second gap allows while others wait longer.
    const spaces = [...this.queues.keys()].sort(
      (a, b) => (this.spaceFreeAt.get(a) ?? 0) - (this.spaceFreeAt.get(b) ?? 0),
    );
    const batch: Job<T>[] = [];
    let wake = Number.POSITIVE_INFINITY;
    for (const space of spaces) {
      const head = this.queues.get(space)?.[0];
      if (!head) continue;
      const readyAt = Math.max(head.readyAt, this.spaceFreeAt.get(space) ?? 0);
      if (readyAt > now) {
        wake = Math.min(wake, readyAt);
        continue;
      }
      if (this.tokens < 1) {
        wake = Math.min(wake, now + (1 - this.tokens) / this.ratePerMs);
        continue;
      }
      this.tokens -= 1;
      head.attempts += 1;
      this.spaceFreeAt.set(space, now + this.spaceGap(space));
      batch.push(head);
    }
    const waitMs = batch.length > 0 || wake === Number.POSITIVE_INFINITY ? 0 : Math.max(1, Math.ceil(wake - now));
    return { batch, waitMs };
  }

  /**
   * The batch really left at `now` (after the run was saved): pace its spaces from then, not from when the jobs were
   * picked, so time spent between picking and sending never shortens the one-second gap Chat enforces.
   */
  sent(batch: readonly Job<T>[], now: number): void {
    const backoff = this.options.spaceBackoff;
    for (const job of batch) {
      const extra = this.spaceExtra.get(job.space);
      if (backoff && extra && now - extra.refusedAt > backoff.calmMs)
        extra.ms = Math.max(0, extra.ms - backoff.decayMs);
      this.spaceFreeAt.set(job.space, Math.max(this.spaceFreeAt.get(job.space) ?? 0, now + this.spaceGap(job.space)));
      job.sentAt = now;
    }
  }

  /**
   * A write's answer came at `now`. Chat counted it somewhere between sending and answer: a round trip slower than
   * usual may have arrived late by up to the difference (a first request on a fresh connection, a slow network
   * moment), and the next write to its space, sent a gap after this one, could then arrive less than a second after
   * it. So the space waits half the difference more (half: the delay may as well have been on the way back). Usual is
   * the fastest of the last round trips: on the bench, the median let ten times as many writes through too early
   * (19 per-space 429s in 1,000 writes, against 2), each costing a second and more. A run's first answer is compared
   * with an instant round trip.
   */
  answered(job: Job<T>, now: number): void {
    if (job.sentAt === undefined) return;
    const roundTrip = Math.max(0, now - job.sentAt);
    const late = (roundTrip - usual(this.roundTrips)) / 2;
    this.roundTrips.push(roundTrip);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
    if (late <= 0) return;
    const free = job.sentAt + this.spaceGap(job.space) + late;
    this.spaceFreeAt.set(job.space, Math.max(this.spaceFreeAt.get(job.space) ?? 0, free));
  }

  /** The gap kept between two writes to this space: Chat's second, a margin, and what its 429s added. */
  spaceGap(space: string): number {
    return this.options.perSpaceIntervalMs + (this.spaceExtra.get(space)?.ms ?? 0);
  }

  /** The job is finished (applied, or failed for good): its space moves on to the next job. */
  finish(job: Job<T>): void {
    const queue = this.queues.get(job.space);
    if (!queue) return;
    const at = queue.indexOf(job);
    if (at >= 0) queue.splice(at, 1);
    if (queue.length === 0) this.queues.delete(job.space);
  }

  /**
   * The job hit a retryable error: it waits with backoff at the head of its queue. Returns false (and removes the
   * job) when its attempts are used up.
   */
  retry(job: Job<T>, now: number, retryAfterSeconds?: number): boolean {
    if (job.attempts >= this.options.maxAttempts) {
      this.finish(job);
      return false;
    }
    this.requeue(job, now, retryAfterSeconds);
    return true;
  }

  /**
   * The job waits with backoff at the head of its queue whatever its attempts: a check of an unknown outcome, or a
   * write refused by a quota, which the caller bounds itself (`tries` sets the backoff's growth).
   */
  requeue(job: Job<T>, now: number, retryAfterSeconds?: number, tries = job.attempts): void {
    job.readyAt = now + backoffMs(Math.max(1, tries), this.options.random(), retryAfterSeconds);
  }

  /** Jobs not finished, in their queue order (what to persist or mark pending when time runs out). */
  pending(): Job<T>[] {
    return [...this.queues.values()].flat();
  }

  /** Spaces with jobs not finished (without listing the jobs: called once a wave, on runs of 10,000 jobs). */
  openSpaces(): Set<string> {
    return new Set(this.queues.keys());
  }

  /** The project rate this run paces itself to now, in writes a minute. */
  get projectPerMinute(): number {
    return this.ratePerMs * 60_000;
  }

  /**
   * What a wave's answers said about the shared project quota: `answered` writes got an HTTP answer, `refusals` of
   * them a 429. Cuts the rate when the project quota refused some (see the file comment).
   */
  observe(now: number, answered: number, refusals: readonly Refusal[]): void {
    this.widenRefusedSpaces(now, refusals);
    const adaptive = this.options.adaptive;
    if (!adaptive || answered === 0) return;
    this.refill(now);
    this.recent = this.recent.filter((r) => r.at > now - adaptive.windowMs);
    this.recent.push({ at: now, answered, refusals });
    if (!refusals.some(countsForProject) || now - this.lastCutAt < adaptive.cutCooldownMs) return;
    const refused = this.recent.reduce((n, r) => n + r.refusals.filter(countsForProject).length, 0);
    const total = this.recent.reduce((n, r) => n + r.answered, 0);
    // At the full rate, a lone 429 now and then is the quota's edge; a run sharing the quota gets them often.
    if (this.ratePerMs >= this.maxRatePerMs && refused === 1 && now - this.lastToleratedAt > adaptive.tolerateEveryMs) {
      this.lastToleratedAt = now;
      return;
    }
    const factor = Math.max(adaptive.floorFactor, Math.min(adaptive.cutFactor, 1 - (2 * refused) / total));
    this.lastLimitPerMs = this.ratePerMs;
    this.setRate(Math.max(adaptive.minPerMinute / 60_000, this.ratePerMs * factor));
    this.lastCutAt = now;
    this.recent = [];
    // The bucket may still hold a second's worth at the old rate: spending it would only earn more 429s.
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Spaces refused for their own second are written a little slower for a while (a 429 naming no quota is not). */
  private widenRefusedSpaces(now: number, refusals: readonly Refusal[]): void {
    const backoff = this.options.spaceBackoff;
    if (!backoff) return;
    for (const r of refusals) {
      if (r.scope !== 'space') continue;
      const extra = this.spaceExtra.get(r.space) ?? { ms: 0, refusedAt: now };
      extra.ms = Math.min(backoff.maxMs, extra.ms + backoff.stepMs);
      extra.refusedAt = now;
      this.spaceExtra.set(r.space, extra);
    }
  }

  private setRate(perMs: number): void {
    this.ratePerMs = perMs;
    this.capacity = bucketSize(perMs);
  }

  private refill(now: number): void {
    const adaptive = this.options.adaptive;
    const elapsed = Math.max(0, now - this.tokensAt);
    if (adaptive && this.ratePerMs < this.maxRatePerMs) {
      // Probe back up, but not while the answers of writes sent before the last cut may still be arriving; the
      // longer without a 429, the faster (capacity another run left is found in seconds, while right after a cut the
      // rate creeps, so runs sharing the project stay near its limit with few 429s).
      const calmMs = now - (this.lastCutAt + adaptive.cutCooldownMs);
      const probing = Math.max(0, Math.min(elapsed, calmMs));
      const nearLimit = this.ratePerMs > 0.9 * this.lastLimitPerMs && this.ratePerMs < 1.1 * this.lastLimitPerMs;
      const speedUp = nearLimit ? 1 : 1 + Math.max(0, calmMs) / adaptive.accelerateAfterMs;
      const grown = this.ratePerMs + (probing / 1000) * speedUp * (adaptive.probePerMinutePerSecond / 60_000);
      this.setRate(Math.min(this.maxRatePerMs, grown));
    }
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerMs);
    this.tokensAt = now;
  }
}

/**
 * How many writes the project bucket may hold: a second's worth less one. Chat counts a write when it arrives, we when
 * we send it, and arrivals move with the network (a wave on fresh connections lands later than the next one on warm
 * ones): a bucket the size of Chat's would spend writes Chat has not refilled yet, at exactly the edge of the quota.
 * One write fewer keeps Chat's bucket at least one write (a fifth of a second at 300 a minute) ahead, for the cost of
 * a smaller burst after a pause. Measured on the bench (scenario 1): with Chat's own size every run met two 429s in
 * its first seconds, and the pace cut that followed cost about 4 s of 120.
 */
function bucketSize(perMs: number): number {
  return Math.max(1, Math.floor(perMs * 1000) - 1);
}

const ROUND_TRIPS_KEPT = 15;

/** The fastest of the round trips kept (0 before the first). */
function usual(roundTrips: readonly number[]): number {
  return roundTrips.length === 0 ? 0 : Math.min(...roundTrips);
}

/** A 429 that may be the project quota's: one that names it, or names no quota at all. */
const countsForProject = (r: Refusal) => r.scope !== 'space';
