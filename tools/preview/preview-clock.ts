/**
 * The preview's clock for the Apps Script fakes: wall-clock time by default, optionally sped up (then the emulator's
 * timeScale is set to the same factor, so quotas, latency and the add-on's pacing share one timeline).
 *
 * Unlike the fakes' RealClock and ScaledClock, a sleep here is not one blind Atomics.wait: the thread waits in a loop
 * that answers the preview server's read-only questions (sheet snapshot, bulk progress) while the add-on code is
 * blocked in Utilities.sleep or a lock wait, so the page stays live during a long bulk apply.
 */

import type { Clock } from '../gas-fakes';

export interface Waiter {
  /** Blocks until performance.now() reaches `untilReal`, answering queued questions meanwhile. */
  waitUntil(untilReal: number): void;
}

export class PreviewClock implements Clock {
  private baseTime = Date.now();
  private baseReal = performance.now();
  private factor = 1;
  waiter: Waiter | null = null;

  get speed(): number {
    return this.factor;
  }

  now(): number {
    return this.baseTime + (performance.now() - this.baseReal) * this.factor;
  }

  sleep(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    const until = performance.now() + ms / this.factor;
    if (this.waiter) this.waiter.waitUntil(until);
    else {
      const cell = new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(cell, 0, 0, Math.max(0, until - performance.now()));
    }
  }

  /** Changes the speed from now on; time never jumps. */
  setSpeed(factor: number): void {
    if (!Number.isFinite(factor) || factor <= 0) throw new Error(`speed must be a positive number, got ${factor}`);
    this.baseTime = this.now();
    this.baseReal = performance.now();
    this.factor = factor;
  }
}
