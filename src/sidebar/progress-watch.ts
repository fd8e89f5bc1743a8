/**
 * When the sidebar asks for the person's bulk run progress: while one of its own actions runs, after each, at start,
 * and whenever the person comes back to the sidebar (pointer, focus, the tab shown again; at most every 2 s), as the
 * live-editing checkbox does. A run started elsewhere (the menu) is then shown and driven, not left to the page alone.
 */

import { t } from './i18n';
import { driveRun, isDriving, showSaved, showsEnd } from './run-driver';
import { callServer } from './server-client';

const RECHECK_MS = 2000;

export interface ProgressWatch {
  /** An action of this sidebar started (its first execution may hold the run): progress is read every 2 s. */
  actionStarted(): void;
  actionEnded(): void;
  check(): Promise<void>;
}

/** `newRun` is called when a run not seen before shows up (the status line's older news no longer applies). */
export function watchProgress(progress: HTMLElement, newRun: () => void, messageOf: (e: unknown) => string) {
  let polling: ReturnType<typeof setTimeout> | undefined;
  let actionsRunning = 0;
  let checkedAt = 0;
  let shownRun: string | undefined;
  const pollAgain = (ms: number) => {
    if (polling) clearTimeout(polling);
    polling = setTimeout(() => void check(), ms);
  };
  const check = async (): Promise<void> => {
    polling = undefined;
    if (isDriving()) return;
    checkedAt = Date.now();
    try {
      const p = await callServer('getBulkProgress');
      if (!p) {
        // A run's last progress goes (its action's result says how it went); how a driven run ended stays.
        if (!showsEnd(progress)) {
          progress.textContent = '';
          progress.className = '';
        }
        if (actionsRunning > 0) pollAgain(2000);
        return;
      }
      if (p.runId !== shownRun) newRun();
      shownRun = p.runId;
      showSaved(progress, p);
      // An action of this sidebar still holds the run (its first execution): keep showing progress until it returns.
      if (actionsRunning > 0) pollAgain(2000);
      else void driveRun(progress);
    } catch (e) {
      progress.textContent = t().progressUnavailable(messageOf(e));
    }
  };
  const recheck = () => {
    if (!isDriving() && polling === undefined && Date.now() - checkedAt >= RECHECK_MS) void check();
  };
  for (const event of ['pointerover', 'focusin'] as const) document.addEventListener(event, recheck);
  window.addEventListener('focus', recheck);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') recheck();
  });
  const watch: ProgressWatch = {
    actionStarted: () => {
      actionsRunning++;
      pollAgain(1000);
    },
    actionEnded: () => {
      actionsRunning--;
      void check();
    },
    check,
  };
  return watch;
}
