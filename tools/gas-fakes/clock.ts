/** The injectable clock every fake reads time from, so tests control time instead of waiting for it. */

export interface Clock {
  now(): number;
  /** Blocks (real clock) or jumps forward (virtual clock). */
  sleep(ms: number): void;
}

/** Default start of virtual time: a fixed instant keeps runs deterministic. */
export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Time moves only when something sleeps or the test advances it: `Utilities.sleep(60_000)` returns at once. */
export class VirtualClock implements Clock {
  private t: number;
  constructor(start: number | Date = VIRTUAL_EPOCH) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    this.advance(ms);
  }
  advance(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.t += ms;
  }
  set(time: number | Date): void {
    const t = typeof time === 'number' ? time : time.getTime();
    if (t < this.t) throw new Error('VirtualClock: time cannot go backwards');
    this.t = t;
  }
}

/** Wall-clock time; sleep really blocks the thread (Atomics.wait, as Apps Script's sleep blocks the execution). */
export class RealClock implements Clock {
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));
  now(): number {
    return Date.now();
  }
  sleep(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) Atomics.wait(this.cell, 0, 0, ms);
  }
}

/**
 * Real time sped up by `scale`: `sleep(1000)` blocks for 1000/scale real milliseconds and `now()` moves 1000 ms.
 * Pair it with the emulator's `timeScale` of the same value so quotas, latency and the product's pacing all run
 * on one compressed timeline.
 */
export class ScaledClock implements Clock {
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));
  private readonly realStart = performance.now();
  constructor(
    private readonly scale: number,
    private readonly start: number = VIRTUAL_EPOCH,
  ) {}
  now(): number {
    return this.start + (performance.now() - this.realStart) * this.scale;
  }
  sleep(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) Atomics.wait(this.cell, 0, 0, ms / this.scale);
  }
}
