/**
 * The sidebar's part in a bulk run: while one of this person's runs is open, it drives it step by step.
 */

import { userMessage } from '../domain/errors';
import type { BulkReading, RunEndShown } from '../main';
import { t } from './i18n';
import { callServer } from './server-client';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Progress = {
  kind: 'apply' | 'undo';
  done: number;
  failed: number;
  remaining: number;
  etaSeconds: number;
  paused?: string;
};

export function showProgress(p: Progress): string {
  const eta = t().eta(Math.floor(p.etaSeconds / 60), p.etaSeconds % 60);
  return t().progress(p.kind === 'undo', p.done, p.failed, p.remaining, eta);
}

/** A progress line: red once anything failed, never the green of success. */
export function showOn(line: HTMLElement, text: string, failed: number, ended = false): void {
  line.textContent = text;
  line.className = failed > 0 ? 'error' : '';
  // How the run ended stays until another run shows: a later reading that finds no run does not erase it.
  line.dataset.ended = String(ended);
}

/** Whether the line says how a run ended (rather than a run's progress, or nothing). */
export const showsEnd = (line: HTMLElement) => line.dataset.ended === 'true';

/** The saved progress as the line shows it (with why the run is paused, if it is). */
export function showSaved(line: HTMLElement, p: Progress): void {
  showOn(line, p.paused ? t().withNote(showProgress(p), p.paused) : showProgress(p), p.failed);
}

/**
 * While a run of this person's is open, the sidebar drives it: each call continues it for one execution and
 * reports what that step did. No trigger is needed (test deployments run none, and one-off triggers fire late);
 * closing the sidebar leaves the background continuation to carry on.
 */
let driving = false;
export const isDriving = () => driving;

/** How often the progress is read while a step runs (the run saves its progress every 2 s: at most one poll behind). */
const POLL_MS = 3000;

/**
 * Waits for a step (one execution, up to several minutes) while showing the run's saved progress every few seconds:
 * the sidebar never sits on an old figure while changes are being applied. A reading that finds the run gone (an
 * execution elsewhere finished it) says so at once, without waiting for the step.
 */
async function whilePolling<T>(
  step: Promise<T>,
  onReading: (reading: BulkReading) => void,
  everyMs = POLL_MS,
): Promise<T> {
  let done = false;
  const finished = step.finally(() => {
    done = true;
  });
  void (async () => {
    while (!done) {
      await Promise.race([wait(everyMs), finished.catch(() => undefined)]);
      if (done) return;
      try {
        const reading = await callServer('getBulkProgress');
        if (!done) onReading(reading);
      } catch {
        // A missed reading is not worth a message: the next one, or the step's own answer, comes soon.
      }
    }
  })();
  return finished;
}

/**
 * Shows a reading of the person's runs (the progress watch's): the open run's progress, or how it ended. Returns
 * whether it said how a run ended.
 */
export type ShowReading = (reading: BulkReading) => boolean;

export async function driveRun(progress: HTMLElement, onReading: ShowReading): Promise<void> {
  if (driving) return;
  driving = true;
  let endShown = false;
  // A reading that finds the run gone says so at once, without waiting for the step: with the run's totals when the
  // server has them, else that it finished.
  const show = (reading: BulkReading) => {
    endShown = onReading(reading);
    if (!reading.open && !endShown) showOn(progress, t().runDone, 0, true);
  };
  try {
    for (;;) {
      const step = await whilePolling(callServer('continueMyBulkApply'), show);
      if (!step.progress) {
        // Finished by this step (its own counts), or by another execution meanwhile (the sheet has the outcome).
        if (endShown) return;
        if (step.ran) showOn(progress, t().runFinished(step.applied, step.failed), step.failed, true);
        else showOn(progress, t().runDone, 0, true);
        return;
      }
      const note = step.busy ? t().runBusy : t().step(step.applied, step.failed);
      showOn(progress, t().withNote(showProgress(step.progress), note), step.progress.failed);
      // Another execution holds the run: read its progress every second meanwhile, so its end shows at once.
      if (step.busy) await whilePolling(wait(5000), show, 1000);
    }
  } catch (e) {
    showOn(progress, t().stoppedDriving(userMessage(e)), 1, true);
  } finally {
    driving = false;
  }
}

/** How the person's last run ended: its totals and time, red when anything failed. */
export function showEnd(line: HTMLElement, end: RunEndShown): void {
  showOn(line, t().runEnded(end.kind === 'undo', end.at, end.applied, end.failed), end.failed, true);
}
