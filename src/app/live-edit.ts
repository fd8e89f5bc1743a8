/**
 * The installable edit trigger. It runs with the token of the person who turned live editing on, whoever edited,
 * so an edit by anyone else is never applied here: it stays pending, and the trigger writes down who typed it (in
 * the add-on's own store: the edit event is the only trustworthy witness of authorship) so that whoever applies it
 * later sees, in the confirmation, whose change they are making. Edits outside the Role column are put back from
 * the row's snapshot, and only from a snapshot the add-on sealed for that very row.
 */

import { BusyError } from '../domain/errors';
import { COL, HEADER_ROWS, rowFromCells, rowToCells, sealVerifies, storedSeal } from '../domain/member-row';
import { parseRole } from '../domain/roles';
import { statusText } from '../domain/status';
import { withRecord } from '../domain/typed-by';
import { resolveNewRows } from './new-rows';
import { planSheet, type SheetPlan } from './pending-changes';
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
    markBusy(target, top, bottom, editor);
  }

  function applyEdit(): void {
    // Someone typed over the header row; when the header row itself was deleted, row 1 is a member: leave it.
    if (top <= HEADER_ROWS && !target.writeHeader()) return;
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
      const waiting = touchesRole ? typedBackOverUnseen(plan, ports, owner) : [];
      target.patchRows([...plan.refusalPatches, ...waiting]);
      // The same engine as bulk apply: paced, retried, audited, and continued in the background if it is large (and
      // reading first a membership someone else's run may already have changed the same way: see startRun).
      const titles = { [target.meta.space]: target.meta.title };
      startRun(ports, 'apply', plan.changes, titles, started + ports.executionBudgetMs(), 'live');
      return;
    }
    if (!touchesRole) return;
    const plan = planSheet(target, owner, inEdit);
    // Rows typed in by someone else are not looked up with the owner's token either: they wait like any change.
    target.patchRows([...plan.refusalPatches, ...markPending(target, plan, editor)]);
  }
}

/**
 * Role cells typed back to the role their row knows, on memberships that someone else's open run may have changed
 * while the row does not show it (the answer never read, its execution having ended; or not yet written to the
 * sheet): nothing is sent, the Status says Chat may differ until that run goes on (it then writes the outcome, and
 * the row turns pending if Chat has another role), and the add-on's record keeps who typed it for that confirmation.
 */
function typedBackOverUnseen(plan: SheetPlan, ports: Ports, owner: string): RowPatch[] {
  if (plan.typedBack.length === 0) return [];
  const unseen = ports.runs.unseenWritesOfOthers(owner);
  // Only rows whose seal vouches for their membership: a record of who typed what is never keyed by a forged cell.
  const waiting = plan.typedBack.flatMap((key) => {
    const role = unseen.has(key) ? plan.trustedRole(key) : undefined;
    return role === undefined ? [] : [{ key, role }];
  });
  if (waiting.length === 0) return [];
  let records = plan.target.typedRecords();
  for (const { key, role } of waiting) records = withRecord(records, key, role || undefined, owner);
  plan.target.saveTypedRecords(records);
  return waiting.map(({ key, role }) => {
    const who = (unseen.get(key) ?? []).map((w) => plan.nameOf(w.user) || w.user).join(', ');
    return statusPatch(key, statusText.unseenElsewhere(who, role));
  });
}

/**
 * A change that waits for Apply: with `record`, the add-on's own record says who typed it (the installable trigger's
 * event is the witness), and its Status names the same author the Apply confirmation will: `editor` when recorded,
 * otherwise nobody ("someone unknown").
 */
function markPending(target: MemberSheet, plan: SheetPlan, editor: string, record = true): RowPatch[] {
  if (record && plan.changes.length > 0) {
    let records = target.typedRecords();
    for (const c of plan.changes) records = withRecord(records, c.key, c.to, editor);
    target.saveTypedRecords(records);
  }
  const who = (editor && plan.nameOf(editor)) || editor;
  return plan.changes.map((c) => statusPatch(c.key, statusText.pendingOtherEditor(who)));
}

/**
 * The simple edit trigger, when nobody's live editing is on (so no installable trigger sees the edit): nothing is
 * sent or put back, and no authorship is recorded. Google does not promise a simple trigger the editor's email ("not
 * available in any context that allows a script to run without that user's authorization, like a simple onOpen(e)
 * or onEdit(e) trigger": https://developers.google.com/apps-script/reference/base/user#getEmail()), so the
 * confirmation names nobody for such a change ("someone unknown"), and the Status of each edited row says the same
 * words: it waits, typed by someone unknown. It never names an author the confirmation would not. Display only.
 */
export function markWaitingEdit(edit: RoleEdit): void {
  const { target, top, bottom, left, right } = edit;
  if (left > COL.role || right < COL.role) return;
  const firstData = Math.max(top, HEADER_ROWS + 1) - HEADER_ROWS - 1;
  const lastData = bottom - HEADER_ROWS - 1;
  if (lastData < firstData) return;
  const editor = edit.editor.toLowerCase();
  const plan = planSheet(target, editor, (index) => index >= firstData && index <= lastData);
  // No record, so no name: '' is "someone unknown", as in the confirmation that will list this change.
  target.patchRows(markPending(target, plan, '', false));
}

function markBusy(target: MemberSheet, top: number, bottom: number, editor: string): void {
  const { values } = target.readRows();
  const patches: RowPatch[] = [];
  let records = target.typedRecords();
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
    // Who typed it is still known here (the event said): the confirmation that applies it later names them.
    if (typed.ok) records = withRecord(records, key, typed.role, editor);
  });
  if (patches.length > 0) target.saveTypedRecords(records);
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
    const keyCell = String(cells[COL.key - 1] ?? '');
    // Only a snapshot the add-on sealed for this sheet and load, and for the membership this row's key names (unless
    // the key cell itself is what was edited): a snapshot pasted from another row must not turn this row into
    // someone else.
    const keyEdited = left <= COL.key && right >= COL.key;
    const sealedFor = (snapshotCell: string) => {
      const { snapshot } = rowFromCells([...cells.slice(0, COL.snapshot - 1), snapshotCell]);
      const ownKey = snapshot !== undefined && (snapshot.key === keyCell || keyEdited);
      return snapshot && ownKey && sealVerifies(snapshot, storedSeal(snapshotCell), target.seal) ? snapshot : undefined;
    };
    let snapshot = sealedFor(String(cells[COL.snapshot - 1] ?? ''));
    // A single edited snapshot cell: the event still carries its old value.
    if (!snapshot && left === COL.snapshot && right === COL.snapshot && typeof oldValue === 'string') {
      snapshot = sealedFor(oldValue);
    }
    if (!snapshot) return;
    const original = rowToCells(snapshot, target.seal);
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
