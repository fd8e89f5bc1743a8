/** Reproducible fault injection: the same seed gives the same faults on the same sequence of requests. */

export interface FaultConfig {
  /** Probability (0..1) that a Chat API request fails. */
  rate: number;
  statuses: number[];
  seed: number;
  /**
   * `before`: the request fails without touching state. `after`: a write is applied and then its response is lost
   * (the client cannot know it succeeded). `either`: each fault picks one of the two.
   */
  mode: 'before' | 'after' | 'either';
}

export const NO_FAULTS: FaultConfig = { rate: 0, statuses: [500], seed: 1, mode: 'before' };

/** mulberry32: tiny, fast, and good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fault {
  status: number;
  afterApply: boolean;
}

export class FaultInjector {
  private random: () => number;
  constructor(private config: FaultConfig = NO_FAULTS) {
    this.random = seededRandom(config.seed);
  }

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed);
  }

  get settings(): FaultConfig {
    return this.config;
  }

  /** Draws for one request; always draws the same number of values so the sequence stays reproducible. */
  next(): Fault | undefined {
    const hit = this.random();
    const pick = this.random();
    const phase = this.random();
    if (hit >= this.config.rate || this.config.statuses.length === 0) return undefined;
    const status = this.config.statuses[Math.floor(pick * this.config.statuses.length)] as number;
    // A 429 is a quota check made before any work (Google asks clients to retry it as not done), so only a server
    // error can come after the write was applied.
    const afterApply =
      status >= 500 && (this.config.mode === 'after' || (this.config.mode === 'either' && phase < 0.5));
    return { status, afterApply };
  }
}
