/** The Preview sheet of a dry run: rewritten whole each time. */

import { words } from '../domain/messages';

// The tab's name is the add-on's own key for finding the sheet again, so it stays the same in every language.
const PREVIEW_TITLE = 'Preview';
const MEMBERSHIP_COLUMN = 3;

export function writePreviewSheet(rows: readonly string[][]): GoogleAppsScript.Spreadsheet.Sheet {
  const HEADERS = words().headers.preview;
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(PREVIEW_TITLE) ?? ss.insertSheet(PREVIEW_TITLE);
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
