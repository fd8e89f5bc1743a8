/** The Sheets port over SpreadsheetApp: member sheets, the Preview sheet and the Audit log of the active spreadsheet. */

import type { MemberSheet, Sheets } from '../app/ports';
import { COL, HEADER_ROWS, type MemberRow } from '../domain/member-row';
import { appendAudit, readAudit } from './audit-sheet';
import { AppsScriptMemberSheet, boundMemberSheet, findMemberSheets, writeMemberSheet } from './member-sheet';
import { removePreviewSheet, writePreviewSheet } from './preview-sheet';

/**
 * The Sheets port for one execution. A load finds the member sheets and then writes one: the write reuses the
 * spreadsheet the search asked for (each ask is a round trip), as the code before the ports did.
 */
export function appsScriptSheets(): Sheets {
  let searched: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  let zone: string | undefined;
  return {
    // Asked once per execution (each ask is a round trip); every time the add-on writes is in this zone (an empty
    // or unknown one is shown as GMT by the formatter, never the script's zone).
    timeZone: () => {
      zone ??= SpreadsheetApp.getActive().getSpreadsheetTimeZone();
      return zone;
    },
    memberSheets: () => {
      searched = SpreadsheetApp.getActive();
      return findMemberSheets(searched);
    },
    activeMemberSheet: () => memberSheetOf(SpreadsheetApp.getActiveSheet()),
    writeSpace: (meta, rows, existing, notes, previousRows) => {
      const own = existing instanceof AppsScriptMemberSheet ? existing : undefined;
      const sheet = writeMemberSheet(searched ?? SpreadsheetApp.getActive(), meta, rows, own);
      // A sheet just inserted has no notes to clear: with none to write either, the column of empty notes (one
      // cell a member) would change nothing.
      if (own || notes.size > 0) writeNameNotes(sheet, rows, notes, previousRows);
      sheet.activate();
      return sheet.getName();
    },
    writePreview: (rows) => {
      const sheet = writePreviewSheet(rows);
      sheet.activate();
      return sheet.getName();
    },
    removePreview: (instead) => {
      if (removePreviewSheet() && instead instanceof AppsScriptMemberSheet) instead.sheet.activate();
    },
    appendAudit,
    readAudit,
  };
}

/** The member sheet an edit event happened in, when the add-on bound it (a copy or a look-alike is not). */
export function memberSheetOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): MemberSheet | undefined {
  return boundMemberSheet(sheet);
}

/**
 * The Name column's notes in one call: why a person is shown as an id, empty for everyone else (clearing notes of an
 * earlier load, down to the last row that load wrote).
 */
function writeNameNotes(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: readonly MemberRow[],
  notes: ReadonlyMap<string, string>,
  previousRows: number,
): void {
  const height = Math.max(rows.length, previousRows);
  if (height === 0) return;
  const values = Array.from({ length: height }, (_, i) => [notes.get(rows[i]?.key ?? '') ?? '']);
  sheet.getRange(HEADER_ROWS + 1, COL.name, height, 1).setNotes(values);
}
