/** The add-on's dialogs (Ui.alert) shown to the person they are for, the script waiting; and the log of answers. */

import type { PendingDialog, Snapshot } from '../protocol';
import { api, guard } from './api';
import { el } from './dom';
import { labelOf, refreshSoon, state } from './state';
import { ui } from './ui';

const BUTTON_LABELS: Record<string, string> = { YES: 'Yes', NO: 'No', OK: 'OK', CANCEL: 'Cancel' };

export function renderDialog(pending: PendingDialog | null): void {
  if (!pending) {
    if (ui.dialog.open) ui.dialog.close();
    state.shownDialog = null;
    return;
  }
  if (state.shownDialog === pending.id && ui.dialog.open) return;
  state.shownDialog = pending.id;
  ui.dialogTitle.textContent = pending.title || 'Chat space roles';
  ui.dialogText.textContent = pending.prompt;
  ui.dialogWho.textContent = `Shown to ${labelOf(pending.user)} (${pending.user}). The script waits for an answer.`;
  ui.dialogButtons.replaceChildren(
    ...pending.choices.map((choice) => {
      const button = el('button', { text: BUTTON_LABELS[choice] ?? choice, attrs: { type: 'button' } });
      button.addEventListener('click', () => guard(answer(pending.id, choice)));
      return button;
    }),
  );
  if (!ui.dialog.open) ui.dialog.showModal();
}

async function answer(id: number, button: string): Promise<void> {
  if (ui.dialog.open) ui.dialog.close();
  refreshSoon();
  await api('POST', '/preview/dialog', { id, button });
  refreshSoon();
}

/** Escape (or the browser closing the dialog) is the dialog's close box: Apps Script answers CLOSE. */
export function answerCloseOnCancel(): void {
  ui.dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (state.shownDialog !== null) guard(answer(state.shownDialog, 'CLOSE'));
  });
}

export function renderDialogLog(snap: Snapshot): void {
  ui.dialogLog.replaceChildren(
    ...snap.dialogs.map((d) =>
      el(
        'li',
        {},
        el('strong', { text: d.title || '(no title)' }),
        el('span', { className: 'dialog-text', text: d.prompt }),
        el('span', { className: 'muted', text: `${labelOf(d.user)} answered ${BUTTON_LABELS[d.button] ?? d.button}` }),
      ),
    ),
  );
  if (snap.dialogs.length === 0) ui.dialogLog.append(el('li', { className: 'muted', text: 'No dialog yet.' }));
}
