/** The line under the menu: what Apps Script is running, a run's progress, who has live editing on, triggers due. */

import type { Snapshot } from '../protocol';
import { clockTime } from './dom';
import { labelOf, state } from './state';
import { ui } from './ui';

export function renderBusy(): void {
  const busy = state.snapshot?.busy;
  if (!busy) {
    ui.busy.textContent = 'Apps Script: idle';
    ui.busy.classList.remove('running');
    return;
  }
  const seconds = Math.max(0, Math.round((Date.now() - busy.since) / 1000));
  ui.busy.textContent = `Apps Script: running ${busy.what} as ${labelOf(busy.user)} (${seconds} s)`;
  ui.busy.classList.add('running');
}

export function renderProgress(snap: Snapshot): void {
  const p = snap.progress;
  ui.progress.textContent = p
    ? `${p.kind === 'undo' ? 'Undo' : 'Bulk apply'} (${labelOf(state.user)}): ${p.done} done, ${p.failed} failed, ${p.remaining} remaining, about ${p.etaSeconds} s left`
    : '';
}

export function renderLiveEditors(): void {
  const editors = state.snapshot?.liveEditors ?? [];
  ui.liveEditors.textContent =
    editors.length === 0
      ? 'Live editing is off for everyone.'
      : `Live editing on for: ${editors.map(labelOf).join(', ')}.`;
}

export function renderTriggers(snap: Snapshot): void {
  ui.triggers.textContent =
    snap.timeTriggers.length === 0
      ? ''
      : `Scheduled: ${snap.timeTriggers
          .map((t) => `${t.handler} for ${labelOf(t.creator)}${t.dueAt === null ? '' : ` at ${clockTime(t.dueAt)}`}`)
          .join('; ')}.`;
}
