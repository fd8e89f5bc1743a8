/** The Preview sheet of a dry run: rewritten whole each time; found by the id the add-on stored, never by title. */

import { words } from '../domain/messages';
import { setOwnSheetId } from './bindings';
import { ownSheet, ownSheetTitle } from './own-sheets';

const MEMBERSHIP_COLUMN = 3;

export function writePreviewSheet(rows: readonly string[][]): GoogleAppsScript.Spreadsheet.Sheet {
  const HEADERS = words().headers.preview;
  const ss = SpreadsheetApp.getActive();
  let sheet = ownSheet(ss, 'preview');
  if (!sheet) {
    sheet = ss.insertSheet(ownSheetTitle(ss, words().sheetTitles.preview));
    setOwnSheetId('preview', sheet.getSheetId());
  }
  sheet.clear();
  const total = rows.length + 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < total) sheet.insertRowsAfter(maxRows, total - maxRows);
  const range = sheet.getRange(1, 1, total, HEADERS.length);
  range.setNumberFormat('@');
  range.setValues([HEADERS, ...rows]);
  sheet.getRange(1, 1, 1, HEADERS.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  // The membership's resource name is for tools, not readers: people and space names come first and stay shown.
  sheet.hideColumns(MEMBERSHIP_COLUMN);
  return sheet;
}

/** Deletes the Preview sheet, if any; returns whether it was the active sheet. */
export function removePreviewSheet(): boolean {
  const ss = SpreadsheetApp.getActive();
  const sheet = ownSheet(ss, 'preview');
  if (!sheet) return false;
  const wasActive = ss.getActiveSheet().getSheetId() === sheet.getSheetId();
  ss.deleteSheet(sheet);
  return wasActive;
}
