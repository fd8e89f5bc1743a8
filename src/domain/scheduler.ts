/**
 * Paces membership writes to the Chat quotas: at most one write per second per space and `projectPerMinute` writes a
 * minute for the whole project (a token bucket holding one second's worth, so no burst can trip the limit). Within a
 * space, jobs run in order and a retried job keeps its place, so a promotion to Owner always lands before the
 * demotion planned after it. Pure: time is passed in, randomness is injected.
 */

import { backoffMs } from './retry';

export interface SchedulerOptions {
  perSpaceIntervalMs: number;
  projectPerMinute: number;
  maxAttempts: number;
  random: () => number;
}

export const CHAT_WRITE_LIMITS: Omit<SchedulerOptions, 'random'> = {
  // 1 write/s per space, plus a small margin for clock and network jitter between us and Google.
  perSpaceIntervalMs: 1050,
  projectPerMinute: 300,
  maxAttempts: 7,
};

export interface Job<T> {
  item: T;
  space: string;
  attempts: number;
  readyAt: number;
}

export class WriteScheduler<T> {
  private readonly queues = new Map<string, Job<T>[]>();
  private readonly spaceFreeAt = new Map<string, number>();
  private tokens: number;
  private tokensAt: number;
  private readonly ratePerMs: number;
  private readonly capacity: number;

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
    this.ratePerMs = options.projectPerMinute / 60_000;
    this.capacity = Math.max(1, Math.floor(options.projectPerMinute / 60));
    this.tokens = this.capacity;
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
      this.spaceFreeAt.set(space, now + this.options.perSpaceIntervalMs);
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
    for (const job of batch) {
      this.spaceFreeAt.set(
        job.space,
        Math.max(this.spaceFreeAt.get(job.space) ?? 0, now + this.options.perSpaceIntervalMs),
      );
    }
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
   * The job waits with backoff at the head of its queue whatever its attempts: a check of an unknown outcome, which
   * the caller bounds itself.
   */
  requeue(job: Job<T>, now: number, retryAfterSeconds?: number): void {
    job.readyAt = now + backoffMs(Math.max(1, job.attempts), this.options.random(), retryAfterSeconds);
  }

  /** Jobs not finished, in their queue order (what to persist or mark pending when time runs out). */
  pending(): Job<T>[] {
    return [...this.queues.values()].flat();
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.tokensAt) * this.ratePerMs);
    this.tokensAt = now;
  }
}
