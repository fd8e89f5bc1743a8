/**
 * When the sidebar asks for the person's bulk run progress: while one of its own actions runs, after each, at start,
 * whenever the person comes back to the sidebar (pointer, focus, the tab shown again; at most every 2 s), and on its
 * own every 10 s while it is shown, so a sidebar nobody touches still follows a run started elsewhere (the menu, a
 * continuation trigger) instead of sitting on an older line. A run found open is then shown and driven; a run that
 * ended unseen (between two readings) is said to have ended, with its totals and time.
 */

import type { BulkReading } from '../main';
import { t } from './i18n';
import { driveRun, isDriving, showEnd, showOn, showSaved, showsEnd } from './run-driver';
import { callServer } from './server-client';

const RECHECK_MS = 2000;
/** The sidebar's own reading while it is shown and idle: one cheap execution (two property reads) every 10 s. */
const IDLE_POLL_MS = 10_000;
/** After this long with nobody touching the sidebar and no run, it reads every minute instead. */
const IDLE_SLOWDOWN_AFTER_MS = 30 * 60_000;
const SLOW_POLL_MS = 60_000;
/** At its first reading, the sidebar mentions a run that ended this recently (the one the person just ran). */
const RECENT_END_SECONDS = 600;

export interface ProgressWatch {
  /** An action of this sidebar started (its first execution may hold the run): progress is read every 2 s. */
  actionStarted(): void;
  /** `runId`: the run the action applied, whose outcome the action's own result line already tells. */
  actionEnded(runId?: string): void;
  check(): Promise<void>;
}

/**
 * What the progress line shows of a reading, and which runs this sidebar has told of. `newRun` is called when a run
 * not seen before shows up (the status line's older news no longer applies).
 */
function runLine(progress: HTMLElement, newRun: () => void) {
  let shownRun: string | undefined;
  /** The last ended run this sidebar has accounted for (told, or too old to be news at its first reading). */
  let knownEnd: string | undefined;
  let firstReading = true;
  /** A run that ended since this sidebar last looked (or just before it opened): its end, once. */
  const endedUnseen = (reading: BulkReading) => {
    const end = reading.lastEnd;
    const isNews = end && end.runId !== knownEnd && (!firstReading || end.secondsAgo <= RECENT_END_SECONDS);
    if (end) knownEnd = end.runId;
    firstReading = false;
    return isNews ? end : null;
  };
  return {
    /** Shows a reading; true when it said how a run ended. */
    show(reading: BulkReading): boolean {
      const { open } = reading;
      const ended = endedUnseen(reading);
      const run = open ?? ended;
      if (run && run.runId !== shownRun) newRun();
      shownRun = run?.runId ?? shownRun;
      if (open) showSaved(progress, open);
      else if (ended) showEnd(progress, ended);
      // A run's last progress goes (its action's result says how it went); how a run ended stays.
      else if (!showsEnd(progress)) showOn(progress, '', 0);
      return !open && ended !== null;
    },
    /** A run whose outcome an action's result line already told. */
    told(runId: string): void {
      knownEnd = runId;
      shownRun = runId;
    },
  };
}

export function watchProgress(progress: HTMLElement, newRun: () => void, messageOf: (e: unknown) => string) {
  const line = runLine(progress, newRun);
  let polling: ReturnType<typeof setTimeout> | undefined;
  let actionsRunning = 0;
  let checkedAt = 0;
  let touchedAt = Date.now();
  const pollAgain = (ms: number) => {
    if (polling) clearTimeout(polling);
    polling = setTimeout(() => void check(), ms);
  };
  const idlePoll = () => {
    if (document.visibilityState !== 'visible') return;
    pollAgain(Date.now() - touchedAt > IDLE_SLOWDOWN_AFTER_MS ? SLOW_POLL_MS : IDLE_POLL_MS);
  };
  const check = async (): Promise<void> => {
    if (polling) clearTimeout(polling);
    polling = undefined;
    if (isDriving()) return;
    checkedAt = Date.now();
    try {
      const reading = await callServer('getBulkProgress');
      line.show(reading);
      // An action of this sidebar still holds the run (its first execution): keep showing progress until it returns.
      if (actionsRunning > 0) return pollAgain(2000);
      if (reading.open) {
        await driveRun(progress, line.show);
        touchedAt = Date.now();
        // How it ended, with the whole run's totals (the driver saw only its own steps).
        return pollAgain(0);
      }
      if (polling === undefined) idlePoll();
    } catch (e) {
      progress.textContent = t().progressUnavailable(messageOf(e));
      if (actionsRunning === 0) idlePoll();
    }
  };
  const recheck = () => {
    touchedAt = Date.now();
    if (!isDriving() && Date.now() - checkedAt >= RECHECK_MS) void check();
  };
  for (const event of ['pointerover', 'focusin'] as const) document.addEventListener(event, recheck);
  window.addEventListener('focus', recheck);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') recheck();
  });
  const watch: ProgressWatch = {
    actionStarted: () => {
      actionsRunning++;
      touchedAt = Date.now();
      pollAgain(1000);
    },
    actionEnded: (runId) => {
      actionsRunning--;
      if (runId) line.told(runId);
      void check();
    },
    check,
  };
  return watch;
}
