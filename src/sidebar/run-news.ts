/**
 * What a reading of the person's runs means for the sidebar's progress line: the open run's progress, how a run
 * ended that this sidebar has not told of yet (once), or nothing new. Pure (no DOM), so its rules are unit-tested:
 * - an end is news only once the run is gone (the end is saved just before the run is removed);
 * - at the sidebar's first reading, only a run that ended in the last 10 minutes is news (the one just run);
 * - during one of the sidebar's own actions, an end is not news: the action's result line tells it.
 */

import type { BulkReading, RunEndShown, RunProgress } from '../main';

/** At its first reading, the sidebar tells of a run that ended this recently (the one the person just ran). */
export const RECENT_END_SECONDS = 600;

export type RunNewsItem =
  | { show: 'open'; run: RunProgress; newRun: boolean }
  | { show: 'end'; end: RunEndShown; newRun: boolean }
  | { show: 'nothing' };

export class RunNews {
  private shownRun: string | undefined;
  /** The last ended run accounted for (told, or known before it could be news). */
  private knownEnd: string | undefined;
  private firstReading = true;

  read(reading: BulkReading, duringAction: boolean): RunNewsItem {
    const { open, lastEnd } = reading;
    const first = this.firstReading;
    this.firstReading = false;
    // The open run's own end (saved just before its removal) is told when the run is gone, not before.
    const ended = lastEnd && lastEnd.runId !== open?.runId ? lastEnd : null;
    const isNews =
      ended !== null &&
      !open &&
      !duringAction &&
      ended.runId !== this.knownEnd &&
      (!first || ended.secondsAgo <= RECENT_END_SECONDS);
    if (ended) this.knownEnd = ended.runId;
    if (open) return { show: 'open', run: open, newRun: this.shows(open.runId) };
    if (isNews) return { show: 'end', end: ended, newRun: this.shows(ended.runId) };
    return { show: 'nothing' };
  }

  /** A run whose outcome an action's result line already told. */
  told(runId: string): void {
    this.knownEnd = runId;
    this.shownRun = runId;
  }

  /** Whether a run is new to the line (its older news then no longer applies). */
  private shows(runId: string): boolean {
    const isNew = runId !== this.shownRun;
    this.shownRun = runId;
    return isNew;
  }
}
