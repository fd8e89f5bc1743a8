/** Polls the preview server for the spreadsheet's snapshot and draws every part of the page from it. */

import type { Snapshot, SnapshotReply } from '../protocol';
import { renderActivity } from './activity';
import { api, guard, showBanner } from './api';
import { renderMenu } from './controls';
import { renderDialog, renderDialogLog } from './dialogs';
import { messageOf } from './dom';
import { loadEmulatorSettings, renderRequests } from './emulator-panel';
import { renderGrid, renderTabs } from './grid';
import { loadSidebar } from './sidebar-frame';
import { refreshSoon, state } from './state';
import { renderBusy, renderLiveEditors, renderProgress, renderTriggers } from './status-line';
import { renderToasts } from './toasts';
import { ui } from './ui';

const STATE_POLL_MS = 400;

export async function pollState(): Promise<void> {
  let reply: SnapshotReply | { error: string } | null = null;
  try {
    const params = new URLSearchParams({ rows: String(state.rowLimit), user: state.user });
    if (state.view) params.set('sheet', state.view);
    if (state.version) params.set('since', state.version);
    reply = await api<SnapshotReply | { error: string }>('GET', `/preview/state?${params}`);
  } catch (e) {
    showBanner(`The preview server does not answer (${messageOf(e)}). Is npm start still running?`);
  }
  try {
    if (reply && 'error' in reply) showBanner(`${reply.error} Press “Reset demo” to start again.`);
    else if (reply) {
      showBanner('');
      if (!('unchanged' in reply)) render(reply);
    }
  } catch (e) {
    showBanner(`The page could not show the latest state: ${messageOf(e)}`);
  }
  setTimeout(pollState, STATE_POLL_MS);
}

function render(snap: Snapshot): void {
  const previous = state.snapshot;
  state.snapshot = snap;
  state.version = snap.version;
  if (snap.generation !== state.generation) startedAgain(snap.generation);
  // The add-on activated another sheet in something the person started (a load, a dry run): follow it.
  if (snap.followSheet !== state.lastFollow) {
    state.lastFollow = snap.followSheet;
    state.view = snap.followSheet;
    if (snap.grid.sheet !== snap.followSheet) refreshSoon();
  }
  renderMenu(snap);
  renderBusy();
  renderProgress(snap);
  renderLiveEditors();
  renderTriggers(snap);
  renderTabs(snap);
  if (!state.editing) renderGrid(snap.grid);
  renderDialog(snap.pendingDialog);
  renderDialogLog(snap);
  renderToasts(snap, previous === null);
  renderActivity(snap);
  reopenSidebars(snap, previous !== null);
}

/** A new generation is a reset demo (by this page or another): forget what belonged to the old one. */
function startedAgain(generation: number): void {
  const first = state.generation === 0;
  state.generation = generation;
  state.requests = [];
  renderRequests();
  if (first) return;
  state.view = null;
  state.lastFollow = null;
  state.sidebarsSeen = {};
  loadSidebar();
  guard(loadEmulatorSettings(), ui.emulatorNote);
}

/** "Open sidebar" from the menu: show (reload) the sidebar of the person who opened it. */
function reopenSidebars(snap: Snapshot, seenBefore: boolean): void {
  for (const [email, count] of Object.entries(snap.sidebarsOpened)) {
    const seen = state.sidebarsSeen[email];
    state.sidebarsSeen[email] = count;
    if (seenBefore && seen !== count && email === state.user) loadSidebar();
  }
}
