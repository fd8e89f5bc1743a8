/** The page's own controls: the add-on menu, speed, Reset demo, hidden columns, and "Type into cell". */

import type { Snapshot } from '../protocol';
import { api, guard, type Outcome } from './api';
import { el, messageOf, showNote } from './dom';
import { typeInto } from './edits';
import { renderGrid } from './grid';
import { refreshSoon, state } from './state';
import { ui } from './ui';

export function renderMenu(snap: Snapshot): void {
  const key = JSON.stringify(snap.menu);
  if (key === state.menuKey) return;
  state.menuKey = key;
  ui.menu.replaceChildren(
    ...snap.menu.map((item) => {
      const button = el('button', { text: item.caption, attrs: { type: 'button' } });
      button.addEventListener('click', () => guard(clickMenu(item.functionName, item.caption)));
      return button;
    }),
  );
}

async function clickMenu(functionName: string, caption: string): Promise<void> {
  refreshSoon();
  const result = await api<Outcome>('POST', '/preview/menu', { user: state.user, functionName });
  refreshSoon();
  if (!result.ok) showNote(ui.editNote, `“${caption}” failed: ${result.error}`, true);
}

export function renderSpeeds(speeds: number[]): void {
  ui.speed.replaceChildren(
    ...speeds.map((s) => {
      const option = el('option', { text: s === 1 ? '1× (real time)' : `${s}×` });
      option.value = String(s);
      return option;
    }),
  );
}

async function resetDemo(): Promise<void> {
  ui.reset.disabled = true;
  showNote(ui.editNote, 'Resetting the demo…');
  try {
    await api('POST', '/preview/reset');
    // A reset starts a new Apps Script thread: the people keep the language chosen on the page.
    await api('POST', '/preview/locale', { locale: ui.locale.value });
    state.view = null;
    state.lastFollow = null;
    showNote(ui.editNote, 'The demo was reset: fresh spreadsheet, demo seed, default emulator settings.');
  } catch (e) {
    showNote(ui.editNote, `Reset failed: ${messageOf(e)}`, true);
  } finally {
    ui.reset.disabled = false;
    refreshSoon();
  }
}

function typeFromForm(): void {
  const a1 = ui.typeCell.value.trim().toUpperCase();
  const sheet = state.snapshot?.grid.sheet;
  if (!/^[A-Z]{1,3}[1-9]\d*$/.test(a1) || !sheet) showNote(ui.editNote, 'Give a cell like B4.', true);
  else guard(typeInto(sheet, a1, ui.typeValue.value));
}

export function wireControls(): void {
  ui.speed.addEventListener('change', () => {
    guard(api('POST', '/preview/speed', { factor: Number(ui.speed.value) }).then(refreshSoon));
  });
  ui.reset.addEventListener('click', () => void resetDemo());
  ui.showHidden.addEventListener('change', () => {
    if (state.snapshot) renderGrid(state.snapshot.grid);
  });
  ui.typeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    typeFromForm();
  });
}
