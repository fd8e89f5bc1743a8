/** Spreadsheet.toast(): the log of all toasts, and the newest one popping up over the sheet for a few seconds. */

import type { Snapshot } from '../protocol';
import { el } from './dom';
import { state } from './state';
import { ui } from './ui';

const TOAST_SHOWN_MS = 5000;

export function renderToasts(snap: Snapshot, first: boolean): void {
  ui.toastLog.replaceChildren(
    ...snap.toasts.map((t) => el('li', {}, el('strong', { text: t.title }), document.createTextNode(` ${t.message}`))),
  );
  if (snap.toasts.length === 0) ui.toastLog.append(el('li', { className: 'muted', text: 'No toast yet.' }));
  // As in Sheets, only toasts that arrive while the page is open pop up, not the ones there before it loaded.
  const latest = snap.toasts[0];
  const seen = state.lastToast;
  state.lastToast = latest?.seq ?? 0;
  if (!latest || latest.seq <= seen || first) return;
  ui.toast.replaceChildren(el('strong', { text: latest.title }), el('span', { text: latest.message }));
  ui.toast.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = window.setTimeout(() => {
    ui.toast.hidden = true;
  }, TOAST_SHOWN_MS);
}
