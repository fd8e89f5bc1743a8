/**
 * What is stored before each wave of a bulk run is sent. Every write must be stored as possibly made first (the
 * at-most-once protocol): the whole progress is rewritten at most every `PROGRESS_SAVE_MS` (what the sidebar and a
 * resumed run read), and in between only the wave's writes are added to the run's small sent journal. Rewriting the
 * progress before every wave cost a pass over every job of the run several times a second: in a run of 10,000
 * changes, about a tenth of its time on the bench.
 */

import type { WaveRequest } from '../domain/run-engine';
import type { RunState } from '../domain/run-state';
import type { RunStore } from './ports';

/** The sidebar polls the saved progress every 3 s: a save every 2 s keeps what it shows at most one poll behind. */
export const PROGRESS_SAVE_MS = 2000;

export class WaveSaves {
  private savedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly runs: RunStore,
    private readonly run: RunState,
  ) {}

  beforeWave(now: number, requests: readonly WaveRequest[]): void {
    if (now - this.savedAt >= PROGRESS_SAVE_MS) {
      this.runs.save(this.run);
      this.savedAt = now;
      return;
    }
    // A check (GET) changes nothing: only writes need to be stored before they go.
    const writes = requests.filter((r) => !r.check).map((r) => r.job);
    if (writes.length > 0) this.runs.markSent(this.run, writes);
  }
}
