/**
 * The installable edit trigger. It runs with the token of the person who turned live editing on, whoever edited,
 * so an edit by anyone else is never applied here: it stays pending until that person applies it themselves.
 * Edits outside the Role column are put back from the row's snapshot.
 */

import { BusyError } from '../domain/errors';
import { COL, HEADER_ROWS, rowFromCells, rowToCells } from '../domain/member-row';
import { parseRole } from '../domain/roles';
import { statusText } from '../domain/status';
import { resolveNewRows } from './new-rows';
import { planSheet } from './pending-changes';
import type { MemberSheet, Ports, RowPatch } from './ports';
import { statusPatch } from './row-updates';
import { startRun } from './run-executor';

/** An edit in a member sheet: the cells it covers (sheet rows and columns, 1-based) and who made it. */
export interface RoleEdit {
  target: MemberSheet;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The editor's email as the event gives it ('' when Apps Script does not say). */
  editor: string;
  /** The old value of a single edited cell, when the event carries it. */
  oldValue: unknown;
}

export function handleRoleEdit(edit: RoleEdit, ports: Ports): void {
  const started = ports.clock.now();
  const { target, top, bottom, left, right } = edit;
  const editor = edit.editor.toLowerCase();
  const owner = ports.user();
  const byOwner = editor !== '' && editor === owner;
  // Someone else with live editing on has their own trigger, which handles this edit with their own token.
  if (!byOwner && ports.triggers.hasLiveEditing(editor)) return;

  try {
    ports.withLock(30_000, () => applyEdit());
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    // Another operation (a bulk apply, someone else's trigger) kept the lock: the edit is not lost, it waits for
    // Apply pending role changes, and the row says so. Written without the lock: one Status cell per edited row.
    markBusy(target, top, bottom);
  }

  function applyEdit(): void {
    if (top <= HEADER_ROWS) {
      target.writeHeader();
    }
    const firstData = Math.max(top, HEADER_ROWS + 1) - HEADER_ROWS - 1;
    const lastData = bottom - HEADER_ROWS - 1;
    if (lastData < firstData) return;
    const inEdit = (index: number) => index >= firstData && index <= lastData;
    const otherColumns = left !== COL.role || right !== COL.role;
    if (otherColumns) restoreOtherCells(target, inEdit, left, right, edit.oldValue);
    const touchesRole = left <= COL.role && right >= COL.role;
    if (byOwner) {
      // A row typed in by hand gets its email looked up whichever of its cells was typed last.
      const added = resolveNewRows(target, ports.chat(), inEdit);
      if (!touchesRole && added.found === 0) return;
      const plan = planSheet(target, owner, inEdit);
      target.patchRows(plan.refusalPatches);
      // The same engine as bulk apply: paced, retried, audited, and continued in the background if it is large.
      const titles = { [target.meta.space]: target.meta.title };
      startRun(ports, 'live', plan.changes, titles, started + ports.executionBudgetMs());
      return;
    }
    if (!touchesRole) return;
    const plan = planSheet(target, owner, inEdit);
    // Rows typed in by someone else are not looked up with the owner's token either: they wait like any change.
    const pending = plan.changes.map((c) => statusPatch(c.key, statusText.pendingOtherEditor(editor)));
    target.patchRows([...plan.refusalPatches, ...pending]);
  }
}

function markBusy(target: MemberSheet, top: number, bottom: number): void {
  const { values } = target.readRows();
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
  target.patchRows(patches);
}

/** Puts back every edited cell outside Role and Status from the row's snapshot (hidden keys included). */
function restoreOtherCells(
  target: MemberSheet,
  inEdit: (i: number) => boolean,
  left: number,
  right: number,
  oldValue: unknown,
): void {
  const { values } = target.readRows();
  const patches: RowPatch[] = [];
  values.forEach((cells, index) => {
    if (!inEdit(index)) return;
    let { snapshot } = rowFromCells(cells);
    // A single edited snapshot cell: the event still carries its old value.
    if (!snapshot && left === COL.snapshot && right === COL.snapshot && typeof oldValue === 'string') {
      snapshot = rowFromCells([...cells.slice(0, COL.snapshot - 1), oldValue]).snapshot;
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
  target.patchRows(patches);
}
