/** The Preview sheet of a dry run: rewritten whole each time; found by the id the add-on stored, never by title. */

import { setOwnSheetId } from './bindings';
import { ownSheet, ownSheetTitle } from './own-sheets';

const PREVIEW_TITLE = 'Preview';
const HEADERS = ['Space', 'Member', 'Membership', 'Current role', 'Requested role', 'Outcome'];

export function writePreviewSheet(rows: readonly string[][]): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActive();
  let sheet = ownSheet(ss, 'preview');
  if (!sheet) {
    sheet = ss.insertSheet(ownSheetTitle(ss, PREVIEW_TITLE));
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
  return sheet;
}
