/**
 * The sidebar's part in a bulk run: while one of this person's runs is open, it drives it step by step.
 */

import { userMessage } from '../domain/errors';
import { callServer } from './server-client';

export const WORDS = {
  progress: (kind: 'apply' | 'undo', done: number, failed: number, remaining: number, eta: string) =>
    `${kind === 'undo' ? 'Undo' : 'Bulk apply'}: ${done} done, ${failed} failed, ${remaining} remaining (about ${eta} left)`,
  step: (applied: number, failed: number) => `Last step: ${applied} applied, ${failed} failed.`,
  busy: 'Another execution is working on the run; trying again shortly.',
  finished: 'Bulk apply finished.',
  unavailable: (message: string) => `Progress unavailable: ${message}`,
  stopped: (message: string) =>
    `The sidebar stopped driving the bulk apply (${message}); it continues in the background, or use “Resume bulk apply”.`,
} as const;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function showProgress(p: {
  kind: 'apply' | 'undo';
  done: number;
  failed: number;
  remaining: number;
  etaSeconds: number;
  paused?: string;
}): string {
  const minutes = Math.floor(p.etaSeconds / 60);
  const eta = minutes > 0 ? `${minutes} min ${p.etaSeconds % 60} s` : `${p.etaSeconds} s`;
  return WORDS.progress(p.kind, p.done, p.failed, p.remaining, eta);
}

/**
 * While a run of this person's is open, the sidebar drives it: each call continues it for one execution and
 * reports what that step did. No trigger is needed (test deployments run none, and one-off triggers fire late);
 * closing the sidebar leaves the background continuation to carry on.
 */
let driving = false;
export const isDriving = () => driving;

export async function driveRun(progress: HTMLElement): Promise<void> {
  if (driving) return;
  driving = true;
  try {
    for (;;) {
      const step = await callServer('continueMyBulkApply');
      if (!step.progress) {
        progress.textContent = `${WORDS.finished} ${WORDS.step(step.applied, step.failed)}`;
        return;
      }
      const note = step.busy ? WORDS.busy : WORDS.step(step.applied, step.failed);
      progress.textContent = `${showProgress(step.progress)}. ${note}`;
      if (step.busy) await wait(5000);
    }
  } catch (e) {
    progress.textContent = WORDS.stopped(userMessage(e));
  } finally {
    driving = false;
  }
}
