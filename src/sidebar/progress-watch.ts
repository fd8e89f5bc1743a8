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
import { RunNews } from './run-news';
import { callServer } from './server-client';

const RECHECK_MS = 2000;
/** The sidebar's own reading while it is shown and idle: one cheap execution (two property reads) every 10 s. */
const IDLE_POLL_MS = 10_000;
/** After this long with nobody touching the sidebar and no run, it reads every minute instead. */
const IDLE_SLOWDOWN_AFTER_MS = 30 * 60_000;
const SLOW_POLL_MS = 60_000;

export interface ProgressWatch {
  /** An action of this sidebar started (its first execution may hold the run): progress is read every 2 s. */
  actionStarted(): void;
  /** `runId`: the run the action applied, whose outcome the action's own result line already tells. */
  actionEnded(runId?: string): void;
  check(): Promise<void>;
}

export function watchProgress(progress: HTMLElement, newRun: () => void, messageOf: (e: unknown) => string) {
  const news = new RunNews();
  let polling: ReturnType<typeof setTimeout> | undefined;
  let actionsRunning = 0;
  let checkedAt = 0;
  let touchedAt = Date.now();
  /** Readings are numbered: one issued before a newer one (or before an action ended) is dropped when it lands. */
  let issued = 0;
  let inFlight = 0;
  /** Shows a reading; true when it said how a run ended. */
  const show = (reading: BulkReading): boolean => {
    const item = news.read(reading, actionsRunning > 0);
    if (item.show !== 'nothing' && item.newRun) newRun();
    if (item.show === 'open') showSaved(progress, item.run);
    else if (item.show === 'end') showEnd(progress, item.end);
    // A run's last progress goes (its action's result says how it went); how a run ended stays.
    else if (!showsEnd(progress)) showOn(progress, '', 0);
    return item.show === 'end';
  };
  const pollAgain = (ms: number) => {
    if (polling) clearTimeout(polling);
    polling = setTimeout(() => void check(), ms);
  };
  const idlePoll = () => {
    if (document.visibilityState !== 'visible' || polling !== undefined || inFlight > 0) return;
    pollAgain(Date.now() - touchedAt > IDLE_SLOWDOWN_AFTER_MS ? SLOW_POLL_MS : IDLE_POLL_MS);
  };
  const check = async (): Promise<void> => {
    if (polling) clearTimeout(polling);
    polling = undefined;
    if (isDriving()) return;
    checkedAt = Date.now();
    const mine = ++issued;
    inFlight++;
    try {
      const reading = await callServer('getBulkProgress');
      if (mine !== issued) return;
      show(reading);
      // An action of this sidebar still holds the run (its first execution): keep showing progress until it returns.
      if (actionsRunning > 0) return pollAgain(2000);
      if (reading.open) {
        await driveRun(progress, show);
        touchedAt = Date.now();
        // How it ended, with the whole run's totals (the driver saw only its own steps).
        return pollAgain(0);
      }
    } catch (e) {
      if (mine === issued) showOn(progress, t().progressUnavailable(messageOf(e)), 1);
    } finally {
      inFlight--;
    }
    if (actionsRunning === 0) idlePoll();
  };
  const recheck = () => {
    touchedAt = Date.now();
    if (isDriving() || inFlight > 0) return;
    if (Date.now() - checkedAt >= RECHECK_MS) void check();
    else idlePoll();
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
      if (runId) news.told(runId);
      // A reading sent before the action ended may land after its result: it is stale, this one replaces it.
      void check();
    },
    check,
  };
  return watch;
}
