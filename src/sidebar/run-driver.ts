/**
 * The sidebar's part in a bulk run: while one of this person's runs is open, it drives it step by step.
 */

import { userMessage } from '../domain/errors';
import { t } from './i18n';
import { callServer } from './server-client';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function showProgress(p: {
  kind: 'apply' | 'undo';
  done: number;
  failed: number;
  remaining: number;
  etaSeconds: number;
  paused?: string;
}): string {
  const eta = t().eta(Math.floor(p.etaSeconds / 60), p.etaSeconds % 60);
  return t().progress(p.kind === 'undo', p.done, p.failed, p.remaining, eta);
}

/** A progress line: red once anything failed, never the green of success. */
export function showOn(line: HTMLElement, text: string, failed: number): void {
  line.textContent = text;
  line.className = failed > 0 ? 'error' : '';
}

/**
 * While a run of this person's is open, the sidebar drives it: each call continues it for one execution and
 * reports what that step did. No trigger is needed (test deployments run none, and one-off triggers fire late);
 * closing the sidebar leaves the background continuation to carry on.
 */
let driving = false;
export const isDriving = () => driving;

/** How often the progress is read while a step runs (the run is saved before every wave, so it is always current). */
const POLL_MS = 3000;

/**
 * Waits for a step (one execution, up to several minutes) while showing the run's saved progress every few seconds:
 * the sidebar never sits on an old figure while changes are being applied.
 */
async function whilePolling<T>(step: Promise<T>, progress: HTMLElement): Promise<T> {
  let done = false;
  const finished = step.finally(() => {
    done = true;
  });
  void (async () => {
    while (!done) {
      await Promise.race([wait(POLL_MS), finished.catch(() => undefined)]);
      if (done) return;
      try {
        const p = await callServer('getBulkProgress');
        if (p && !done) progress.textContent = p.paused ? t().withNote(showProgress(p), p.paused) : showProgress(p);
      } catch {
        // A missed reading is not worth a message: the next one, or the step's own answer, comes soon.
      }
    }
  })();
  return finished;
}

export async function driveRun(progress: HTMLElement): Promise<void> {
  if (driving) return;
  driving = true;
  try {
    for (;;) {
      const step = await whilePolling(callServer('continueMyBulkApply'), progress);
      if (!step.progress) {
        showOn(progress, t().runFinished(step.applied, step.failed), step.failed);
        return;
      }
      const note = step.busy ? t().runBusy : t().step(step.applied, step.failed);
      showOn(progress, t().withNote(showProgress(step.progress), note), step.progress.failed);
      if (step.busy) await wait(5000);
    }
  } catch (e) {
    showOn(progress, t().stoppedDriving(userMessage(e)), 1);
  } finally {
    driving = false;
  }
}
