/** The Audit sheet: appended in batches, one row per attempted change; never rewritten. */

import { AUDIT_COLUMNS, AUDIT_MEMBERSHIP_COLUMN, type AuditEntry, auditCells, auditHeaders } from '../domain/audit';
import { words } from '../domain/messages';
import { setOwnSheetId } from './bindings';
import { ownSheet, ownSheetTitle } from './own-sheets';

/** The add-on's Audit sheet, found by the id it stored (a sheet someone named "Audit" is not it). */
function auditSheet(create: boolean): GoogleAppsScript.Spreadsheet.Sheet | undefined {
  const ss = SpreadsheetApp.getActive();
  const existing = ownSheet(ss, 'audit');
  if (existing || !create) return existing;
  // insertSheet makes the new sheet active; the person stays where they were (a member sheet, usually).
  const active = ss.getActiveSheet();
  const sheet = ss.insertSheet(ownSheetTitle(ss, words().sheetTitles.audit), ss.getNumSheets());
  setOwnSheetId('audit', sheet.getSheetId());
  active.activate();
  const header = sheet.getRange(1, 1, 1, AUDIT_COLUMNS.length);
  header.setValues([auditHeaders()]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  // People and space names are what a reader scans; the resource name stays for tools, out of the way.
  sheet.hideColumns(AUDIT_MEMBERSHIP_COLUMN);
  return sheet;
}

export function appendAudit(entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const sheet = auditSheet(true) as GoogleAppsScript.Spreadsheet.Sheet;
  let start = sheet.getLastRow() + 1;
  if (start === 1) {
    // An Audit sheet left empty (an execution stopped right after creating it): the header goes first, or the
    // first entry would take its place and be skipped by every reader.
    sheet.getRange(1, 1, 1, AUDIT_COLUMNS.length).setValues([auditHeaders()]);
    start = 2;
  }
  const maxRows = sheet.getMaxRows();
  if (maxRows < start + entries.length - 1) sheet.insertRowsAfter(maxRows, start + entries.length - 1 - maxRows);
  const range = sheet.getRange(start, 1, entries.length, AUDIT_COLUMNS.length);
  range.setNumberFormat('@');
  range.setValues(entries.map(auditCells));
}

export function readAudit(): unknown[][] {
  const sheet = auditSheet(false);
  if (!sheet) return [];
  const last = sheet.getLastRow();
  return last <= 1 ? [] : sheet.getRange(2, 1, last - 1, AUDIT_COLUMNS.length).getValues();
}
