/** The simulated sheet: tabs, the grid (hidden columns dimmed), Role dropdowns in validated cells. */

import type { Grid, GridRow, Snapshot } from '../protocol';
import { api, guard, type Outcome } from './api';
import { el, showNote } from './dom';
import { roleDropdown } from './role-dropdown';
import { refreshSoon, state } from './state';
import { ui } from './ui';

export function renderTabs(snap: Snapshot): void {
  const shown = snap.grid.sheet;
  ui.tabs.replaceChildren(
    ...snap.sheets.map((sheet) => {
      const tab = el('button', {
        text: sheet.name,
        className: 'tab',
        attrs: { type: 'button', role: 'tab', 'aria-selected': String(sheet.name === shown) },
      });
      tab.addEventListener('click', () => guard(openSheet(sheet.name)));
      return tab;
    }),
  );
}

async function openSheet(name: string): Promise<void> {
  state.view = name;
  state.editing = null;
  refreshSoon();
  // Clicking a tab makes it the active sheet, which "Refresh members" works on.
  const result = await api<Outcome>('POST', '/preview/activate', { sheet: name });
  if (!result.ok) showNote(ui.editNote, result.error ?? '', true);
  refreshSoon();
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function renderGrid(grid: Grid): void {
  const hidden = new Set(grid.hiddenColumns);
  const columns: number[] = [];
  for (let c = 1; c <= grid.columns; c++) if (ui.showHidden.checked || !hidden.has(c)) columns.push(c);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.cell : undefined;
  ui.grid.setAttribute('aria-label', `Sheet ${grid.sheet}`);
  ui.grid.replaceChildren(gridHead(columns, hidden), gridBody(grid, columns, hidden));
  renderGridNote(grid);
  // Redrawing replaced the focused dropdown: put the focus back where the person was.
  if (focused) {
    const again = ui.grid.querySelector(`[data-cell="${CSS.escape(focused)}"]`);
    if (again instanceof HTMLElement) again.focus();
  }
}

function gridHead(columns: number[], hidden: Set<number>): HTMLTableSectionElement {
  return el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { className: 'corner', attrs: { scope: 'col', 'aria-label': 'Row' } }),
      ...columns.map((c) =>
        el('th', {
          text: hidden.has(c) ? `${columnLetter(c)} (hidden)` : columnLetter(c),
          className: hidden.has(c) ? 'hidden-col' : '',
          attrs: { scope: 'col' },
        }),
      ),
    ),
  );
}

function gridBody(grid: Grid, columns: number[], hidden: Set<number>): HTMLTableSectionElement {
  const headerRow = grid.rows.find((r) => r.n === 1);
  return el(
    'tbody',
    {},
    ...grid.rows.map((row) =>
      el(
        'tr',
        { className: row.n <= grid.frozenRows ? 'frozen' : '' },
        el('th', { text: String(row.n), attrs: { scope: 'row' } }),
        ...columns.map((c) => cell(grid, row, c, hidden.has(c), headerRow?.values[c - 1] ?? '')),
      ),
    ),
  );
}

function renderGridNote(grid: Grid): void {
  if (grid.rows.length === 0) ui.gridNote.textContent = 'This sheet is empty.';
  else if (grid.totalRows > grid.rows.length) {
    ui.gridNote.textContent = `Showing the first ${grid.rows.length} of ${grid.totalRows} rows. `;
    const more = el('button', { text: 'Show all rows', attrs: { type: 'button' } });
    more.addEventListener('click', () => {
      state.rowLimit = Math.max(state.rowLimit, grid.totalRows);
      refreshSoon();
    });
    ui.gridNote.append(more);
  } else ui.gridNote.textContent = '';
}

function cell(grid: Grid, row: GridRow, col: number, isHidden: boolean, header: string): HTMLTableCellElement {
  const value = row.values[col - 1] ?? '';
  const a1 = `${columnLetter(col)}${row.n}`;
  const td = el('td', { className: isHidden ? 'hidden-col' : '' });
  const listIndex = row.lists?.[col];
  const options = listIndex === undefined ? undefined : grid.lists[listIndex];
  if (options && row.n > grid.frozenRows) {
    td.className += ' dropdown';
    td.append(roleDropdown({ sheet: grid.sheet, a1, label: `${header || 'Cell'} (${a1})`, value, options }));
  } else {
    td.textContent = value;
    if (value.length > 24) td.title = value;
    // Long visible text (a Status reason) wraps; hidden key columns stay on one line.
    if (value.length > 30 && !isHidden) td.classList.add('wrap');
  }
  return td;
}
