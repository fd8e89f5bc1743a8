/** An Apps Script edit event, read into the add-on's own terms (a member sheet's edited cells and who edited). */

import type { RoleEdit } from '../app/live-edit';
import { memberSheetOf } from './sheets';
import { liveEditors } from './triggers';

/** The edit, when it is in a member sheet; undefined otherwise. */
export function roleEditOf(e: GoogleAppsScript.Events.SheetsOnEdit): RoleEdit | undefined {
  const range = e.range;
  const target = memberSheetOf(range.getSheet());
  if (!target) return undefined;
  const top = range.getRow();
  const left = range.getColumn();
  return {
    target,
    top,
    bottom: top + range.getNumRows() - 1,
    left,
    right: left + range.getNumColumns() - 1,
    editor: e.user?.getEmail?.() ?? '',
    oldValue: e.oldValue,
  };
}

/**
 * The simple edit trigger's part: only when nobody's live editing is on (otherwise an installable trigger handles
 * the edit, and marks it pending itself), and only when the add-on may use the document.
 */
export function editWithoutLiveEditing(e: GoogleAppsScript.Events.SheetsOnEdit): RoleEdit | undefined {
  if (e.authMode === ScriptApp.AuthMode.NONE || liveEditors().length > 0) return undefined;
  return roleEditOf(e);
}
