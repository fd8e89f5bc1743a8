/**
 * The installable edit trigger. It runs with the token of the person who turned live editing on, whoever edited,
 * so an edit by anyone else is never applied here: it stays pending until that person applies it themselves.
 * Edits outside the Role column are put back from the row's snapshot.
 */

import { userChatApi } from '../adapters/chat-api';
import { type Clock, executionBudgetMs } from '../adapters/clock';
import { withDocumentLock } from '../adapters/lock';
import { type MemberSheet, memberSheetMeta, patchRows, type RowPatch, readRows } from '../adapters/member-sheet';
import { hasLiveEditing } from '../adapters/triggers';
import { BusyError } from '../domain/errors';
import { COL, COLUMN_COUNT, HEADER_ROWS, HEADERS, rowFromCells, rowToCells } from '../domain/member-row';
import { parseRole } from '../domain/roles';
import { statusText } from '../domain/status';
import { resolveNewRows } from './new-rows';
import { planSheet } from './pending-changes';
import { statusPatch } from './row-updates';
import { startRun } from './run-executor';

export function handleRoleEdit(e: GoogleAppsScript.Events.SheetsOnEdit, clock: Clock): void {
  const started = clock.now();
  const range = e.range;
  const sheet = range.getSheet();
  const meta = memberSheetMeta(sheet);
  if (!meta) return;
  const target: MemberSheet = { sheet, meta };
  const top = range.getRow();
  const bottom = top + range.getNumRows() - 1;
  const left = range.getColumn();
  const right = left + range.getNumColumns() - 1;
  const editor = (e.user?.getEmail?.() ?? '').toLowerCase();
  const owner = Session.getEffectiveUser().getEmail().toLowerCase();
  const byOwner = editor !== '' && editor === owner;
  // Someone else with live editing on has their own trigger, which handles this edit with their own token.
  if (!byOwner && hasLiveEditing(editor)) return;

  try {
    withDocumentLock(30_000, () => applyEdit());
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    // Another operation (a bulk apply, someone else's trigger) kept the lock: the edit is not lost, it waits for
    // Apply pending role changes, and the row says so. Written without the lock: one Status cell per edited row.
    markBusy(target, top, bottom);
  }

  function applyEdit(): void {
    if (top <= HEADER_ROWS) {
      sheet.getRange(1, 1, 1, COLUMN_COUNT).setValues([[...HEADERS]]);
    }
    const firstData = Math.max(top, HEADER_ROWS + 1) - HEADER_ROWS - 1;
    const lastData = bottom - HEADER_ROWS - 1;
    if (lastData < firstData) return;
    const inEdit = (index: number) => index >= firstData && index <= lastData;
    const otherColumns = left !== COL.role || right !== COL.role;
    if (otherColumns) restoreOtherCells(target, inEdit, left, right, e);
    const touchesRole = left <= COL.role && right >= COL.role;
    if (byOwner) {
      // A row typed in by hand gets its email looked up whichever of its cells was typed last.
      const added = resolveNewRows(target, userChatApi(clock), inEdit);
      if (!touchesRole && added.found === 0) return;
      const plan = planSheet(target, owner, inEdit);
      patchRows(sheet, plan.refusalPatches);
      // The same engine as bulk apply: paced, retried, audited, and continued in the background if it is large.
      startRun('apply', plan.changes, { [target.meta.space]: target.meta.title }, clock, started + executionBudgetMs());
      return;
    }
    if (!touchesRole) return;
    const plan = planSheet(target, owner, inEdit);
    // Rows typed in by someone else are not looked up with the owner's token either: they wait like any change.
    const pending = plan.changes.map((c) => statusPatch(c.key, statusText.pendingOtherEditor(editor)));
    patchRows(sheet, [...plan.refusalPatches, ...pending]);
  }
}

function markBusy(target: MemberSheet, top: number, bottom: number): void {
  const { values } = readRows(target.sheet);
  const patches: RowPatch[] = [];
  values.forEach((cells, index) => {
    const row = index + HEADER_ROWS + 1;
    if (row < top || row > bottom) return;
    const key = String(cells[COL.key - 1] ?? '');
    if (!key) return;
    // A Role cell typed back to the role in Chat asks for nothing: no "pending" note (an earlier one is cleared).
    const { row: member } = rowFromCells(cells);
    const typed = parseRole(member.role);
    if (typed.ok && typed.role === member.serverRole) {
      if (member.status.startsWith('⏳')) patches.push(statusPatch(key, ''));
      return;
    }
    patches.push(statusPatch(key, statusText.pendingBusy()));
  });
  patchRows(target.sheet, patches);
}

/** Puts back every edited cell outside Role and Status from the row's snapshot (hidden keys included). */
function restoreOtherCells(
  target: MemberSheet,
  inEdit: (i: number) => boolean,
  left: number,
  right: number,
  e: GoogleAppsScript.Events.SheetsOnEdit,
): void {
  const { values } = readRows(target.sheet);
  const patches: RowPatch[] = [];
  values.forEach((cells, index) => {
    if (!inEdit(index)) return;
    let { snapshot } = rowFromCells(cells);
    // A single edited snapshot cell: the event still carries its old value.
    if (!snapshot && left === COL.snapshot && right === COL.snapshot && typeof e.oldValue === 'string') {
      snapshot = rowFromCells([...cells.slice(0, COL.snapshot - 1), e.oldValue]).snapshot;
    }
    if (!snapshot) return;
    const original = rowToCells(snapshot);
    const restored = new Map<number, string>();
    for (let col = left; col <= right; col++) {
      if (col !== COL.role && col !== COL.status) restored.set(col, original[col - 1] as string);
    }
    for (const col of [COL.key, COL.serverRole, COL.snapshot]) restored.set(col, original[col - 1] as string);
    restored.set(COL.status, statusText.cellRestored());
    // Found by the key the row has now, even if that key cell was itself overwritten.
    patches.push({
      key: String(cells[COL.key - 1] ?? ''),
      cells: restored,
    });
  });
  patchRows(target.sheet, patches);
}
