/**
 * A Role cell: a dropdown of the rule's options, plus "Type another value…" for free text, since a person can type
 * anything into a cell with allowInvalid validation.
 *
 * Only a committed choice is an edit, as with Sheets' chip: a pick from the open list, Enter, or leaving the cell.
 * Chromium fires `change` on every arrow key of a closed <select>; sending each one would make every step an edit
 * (a PATCH each, then a 429), so a choice reached with the keyboard waits for Enter or blur.
 */

import { guard } from './api';
import { el } from './dom';
import { typeInto } from './edits';
import { refreshSoon, state } from './state';

const OTHER = '\u0000other';
/** Keys that move a closed <select> from one option to the next without opening its list. */
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export interface RoleCell {
  sheet: string;
  a1: string;
  label: string;
  value: string;
  options: string[];
}

export function roleDropdown(cell: RoleCell): HTMLSelectElement {
  const select = el('select', { attrs: { 'aria-label': cell.label, 'data-cell': cell.a1 } });
  const choices = [...cell.options];
  if (!choices.includes(cell.value)) choices.unshift(cell.value);
  for (const choice of choices) {
    const option = el('option', { text: choice === '' ? '(empty)' : choice });
    option.value = choice;
    select.append(option);
  }
  const other = el('option', { text: 'Type another value…' });
  other.value = OTHER;
  select.append(other);
  select.value = cell.value;
  commitOnlyChosenValues(select, cell);
  return select;
}

function commitOnlyChosenValues(select: HTMLSelectElement, cell: RoleCell): void {
  let stepping = false;
  let pending = false;
  let committed = cell.value;
  const commit = () => {
    pending = false;
    if (state.editing === cell.a1) state.editing = null;
    if (select.value === OTHER) return openTextBox(select, cell);
    if (select.value === committed) return;
    committed = select.value;
    guard(typeInto(cell.sheet, cell.a1, select.value));
  };
  select.addEventListener('keydown', (event) => {
    // A letter jumps to the next option starting with it: a step too. Alt+arrow opens the list instead, and a pick
    // made there arrives as a plain change, committed at once.
    if ((STEP_KEYS.has(event.key) || /^\S$/u.test(event.key)) && !event.altKey && !event.ctrlKey) stepping = true;
    if (event.key === 'Enter') commit();
  });
  select.addEventListener('change', () => {
    if (!stepping) return commit();
    stepping = false;
    pending = true;
    // Keep the grid from being redrawn under the choice not yet committed.
    state.editing = cell.a1;
  });
  select.addEventListener('blur', () => {
    stepping = false;
    if (pending && select.isConnected) commit();
  });
}

/** Replaces the dropdown with a text box; Enter or leaving it types the text, Escape puts the cell back. */
function openTextBox(select: HTMLSelectElement, cell: RoleCell): void {
  state.editing = cell.a1;
  const box = el('input', { attrs: { 'aria-label': cell.label, 'data-cell': cell.a1, autocomplete: 'off' } });
  box.value = cell.value;
  let done = false;
  const finish = (save: boolean) => {
    if (done) return;
    done = true;
    state.editing = null;
    if (save && box.value !== cell.value) guard(typeInto(cell.sheet, cell.a1, box.value));
    else refreshSoon();
  };
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') finish(true);
    if (event.key === 'Escape') finish(false);
  });
  box.addEventListener('blur', () => finish(true));
  select.replaceWith(box);
  box.focus();
  box.select();
}
