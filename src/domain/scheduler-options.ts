/**
 * What paces a bulk run's writes: Chat's documented limits (1 write a second per space, 300 membership writes a
 * minute per project) with their margins, and the knobs of the adaptation to 429s (see scheduler.ts).
 */

import type { QuotaScope } from './quota-scope';

/** One write refused with a 429: its space, and which quota the answer named. */
export interface Refusal {
  space: string;
  scope: QuotaScope;
}

export interface SchedulerOptions {
  perSpaceIntervalMs: number;
  /** A space refused for its one-write-a-second limit is written a little slower for a while (see `spaceGap` in scheduler.ts). */
  spaceBackoff?: SpaceBackoff;
  projectPerMinute: number;
  maxAttempts: number;
  random: () => number;
  /** Adaptive project pacing (see scheduler.ts); without it the rate stays at `projectPerMinute`. */
  adaptive?: AdaptivePacing;
}

/**
 * Chat's one write a second per space is counted where the requests arrive, and the network moves them: two writes
 * sent 1,050 ms apart can arrive 950 ms apart. A per-space 429 widens that space's gap by
 * `stepMs` (at most `maxMs` in all); each write to it after `calmMs` without one narrows it by `decayMs` again.
 */
export interface SpaceBackoff {
  stepMs: number;
  maxMs: number;
  decayMs: number;
  calmMs: number;
}

export interface AdaptivePacing {
  /** The rate never goes below this (writes a minute). */
  minPerMinute: number;
  /** Right after the cool-down, without 429s, the rate grows by this much (writes a minute) every second. */
  probePerMinutePerSecond: number;
  /** Every this long without a 429, the probe grows by another `probePerMinutePerSecond`. */
  accelerateAfterMs: number;
  /** The smallest cut of a wave with 429s (rate × cutFactor), and the largest (rate × floorFactor). */
  cutFactor: number;
  floorFactor: number;
  /** After a cut, no further cut and no probing for this long: the answers of writes sent at the old rate. */
  cutCooldownMs: number;
  /** The window over which the share of refused writes is measured. */
  windowMs: number;
  /** At the full rate, one 429 in a window is taken for jitter at the quota's edge (no cut), once in this long. */
  tolerateEveryMs: number;
}

export const CHAT_WRITE_LIMITS: Omit<SchedulerOptions, 'random'> = {
  // 1 write/s per space, plus a small margin for clock and network jitter between us and Google.
  perSpaceIntervalMs: 1050,
  spaceBackoff: { stepMs: 100, maxMs: 400, decayMs: 5, calmMs: 10_000 },
  projectPerMinute: 300,
  maxAttempts: 7,
  adaptive: {
    minPerMinute: 12,
    probePerMinutePerSecond: 1.5,
    accelerateAfterMs: 3000,
    cutFactor: 0.8,
    floorFactor: 0.2,
    cutCooldownMs: 2000,
    windowMs: 2000,
    tolerateEveryMs: 20_000,
  },
};
