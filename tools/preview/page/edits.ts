/** A person typing into a cell: the edit triggers of everyone with live editing on fire, as in Sheets. */

import type { EditReply } from '../protocol';
import { api, type Outcome } from './api';
import { showNote } from './dom';
import { labelOf, refreshSoon, state } from './state';
import { ui } from './ui';

export async function typeInto(sheet: string, a1: string, value: string): Promise<void> {
  showNote(ui.editNote, `${labelOf(state.user)} typed “${value}” in ${a1}…`);
  refreshSoon();
  const result = await api<Outcome>('POST', '/preview/edit', { user: state.user, sheet, a1, value });
  refreshSoon();
  if (!result.ok) return showNote(ui.editNote, `Edit failed: ${result.error}`, true);
  const reply = result.value as EditReply;
  if (!reply.accepted) return showNote(ui.editNote, `Sheets refused the edit: ${reply.rejection}`, true);
  if (reply.errors.length > 0) return showNote(ui.editNote, `An edit trigger failed: ${reply.errors.join('; ')}`, true);
  showNote(ui.editNote, `${labelOf(state.user)} typed “${value}” in ${a1}.`);
}
