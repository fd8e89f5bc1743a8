/**
 * Member sheets: one per space and access, bound by the add-on's document properties to the sheet's id (see
 * bindings.ts): titles, cells and DOCUMENT metadata can be written by any editor, so none of them says which sheet
 * is which. All reads and writes are whole blocks, so their cost in SpreadsheetApp round trips does not grow with
 * the number of members. Rows are sealed (row-seal.ts) when written, so a row's identity cannot be forged.
 */

import type { MemberSheet, RowPatch, SheetBlock, SheetMeta, StatusMark } from '../app/ports';
import { applyPatches } from '../app/row-patches';
import {
  COL,
  COLUMN_COUNT,
  FIRST_HIDDEN_COL,
  HEADER_ROWS,
  HIDDEN_COLUMN_COUNT,
  type MemberRow,
  memberHeaders,
  rowToCells,
  type Seal,
} from '../domain/member-row';
import { CATALOGUES, words } from '../domain/messages';
import { isMembershipName } from '../domain/resource-names';
import { uiRoles } from '../domain/roles';
import { type SealedFields, sealer } from '../domain/row-seal';
import type { TypedRecords } from '../domain/typed-by';
import { allBindings, bind, bindingOf, loadTypedRecords, saveTypedRecords, sealSecret } from './bindings';
import { markStatuses } from './status-marks';

/** A member sheet over a SpreadsheetApp sheet. */
export class AppsScriptMemberSheet implements MemberSheet {
  readonly seal: Seal;

  constructor(
    readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    readonly meta: SheetMeta,
  ) {
    this.seal = sealerFor(meta);
  }

  readRows(): SheetBlock {
    return readRows(this.sheet);
  }

  patchRows(patches: readonly RowPatch[]): string[] {
    return patchRows(this.sheet, patches, this.seal);
  }

  markStatuses(marks: readonly StatusMark[]): number {
    return markStatuses(this.sheet, marks);
  }

  writeRowsAt(rows: ReadonlyMap<number, string[]>): void {
    if (rows.size === 0) return;
    const indexes = [...rows.keys()];
    const low = Math.min(...indexes);
    const high = Math.max(...indexes);
    const block = readRows(this.sheet)
      .values.slice(low, high + 1)
      .map((r) => r.map((c) => String(c)));
    for (const [index, cells] of rows) block[index - low] = cells;
    const range = this.sheet.getRange(HEADER_ROWS + 1 + low, 1, block.length, COLUMN_COUNT);
    range.setNumberFormat('@');
    range.setValues(block);
  }

  writeHeader(): boolean {
    const first = this.sheet.getRange(1, 1, 1, COLUMN_COUNT).getValues()[0] ?? [];
    // The header row was deleted and a member moved up into row 1: never write headers over a member.
    if (isMembershipName(String(first[COL.key - 1] ?? ''))) return false;
    this.sheet.getRange(1, 1, 1, COLUMN_COUNT).setValues([memberHeaders()]);
    return true;
  }

  typedRecords(): TypedRecords {
    return loadTypedRecords(this.meta.sheetId);
  }

  saveTypedRecords(records: TypedRecords): void {
    saveTypedRecords(this.meta.sheetId, records);
  }
}

let secret: string | undefined;

/**
 * The row seal for this sheet's binding, keyed by the document's secret (read once per execution). `remember`: see
 * sealer (a load writes seals it never checks).
 */
function sealerFor(meta: SheetMeta, remember = true): Seal {
  const context = { sheetId: meta.sheetId, space: meta.space, access: meta.access, generation: meta.generation };
  let seal: Seal | undefined;
  return (fields: SealedFields) => {
    secret ??= sealSecret();
    seal ??= sealer(secret, context, remember);
    return seal(fields);
  };
}

/** Every member sheet in the spreadsheet: its sheets whose ids the add-on bound (one property read). */
export function findMemberSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): AppsScriptMemberSheet[] {
  // One property read and one sheet list, whatever the number of members (or of bindings left by deleted sheets).
  const bindings = allBindings();
  const found: AppsScriptMemberSheet[] = [];
  for (const sheet of ss.getSheets()) {
    const meta = bindings.get(sheet.getSheetId());
    if (meta) found.push(new AppsScriptMemberSheet(sheet, meta));
  }
  return found;
}

/** The member sheet an edit happened in, if the add-on bound it. */
export function boundMemberSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): AppsScriptMemberSheet | undefined {
  const meta = bindingOf(sheet.getSheetId());
  return meta ? new AppsScriptMemberSheet(sheet, meta) : undefined;
}

/** Titles the add-on's own sheets use (in any case): a space named like them gets another title. */
const RESERVED = new Set(
  Object.values(CATALOGUES).flatMap((m) => [m.sheetTitles.audit, m.sheetTitles.preview].map((t) => t.toLowerCase())),
);

/**
 * A sheet title from a space name: Sheets forbids some characters and caps titles at 100 characters. A space loaded
 * with admin or app access next to the same space loaded as a person is told apart by its title.
 */
function sheetTitle(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, meta: Pick<SheetMeta, 'title' | 'access'>): string {
  const w = words().sheetTitles;
  let base = (meta.title.replace(/[[\]*?:/\\']/g, ' ').trim() || w.untitledSpace).slice(0, 80);
  if (RESERVED.has(base.toLowerCase())) base = w.spaceSuffix(base);
  const taken = (t: string) => ss.getSheetByName(t) !== null;
  if (taken(base) && meta.access !== 'user') base = w.accessSuffix(base, meta.access);
  let title = base;
  for (let n = 2; taken(title); n++) title = `${base} (${n})`;
  return title;
}

/** Writes a space's members into its sheet (created on first load), binds it and returns the sheet. */
export function writeMemberSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  loaded: Omit<SheetMeta, 'sheetId' | 'generation'>,
  rows: readonly MemberRow[],
  existing: AppsScriptMemberSheet | undefined,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = existing?.sheet ?? ss.insertSheet(sheetTitle(ss, loaded));
  if (existing) {
    sheet.clear();
    sheet.getDataRange().clearDataValidations();
  }
  // A new generation on every load: rows sealed by an earlier load (kept or pasted back by anyone) stop verifying.
  const meta: SheetMeta = { ...loaded, sheetId: sheet.getSheetId(), generation: (existing?.meta.generation ?? 0) + 1 };
  bind(meta, allBindings());
  const seal = sealerFor(meta, false);
  const total = rows.length + HEADER_ROWS;
  const maxRows = sheet.getMaxRows();
  if (maxRows < total) sheet.insertRowsAfter(maxRows, total - maxRows);
  const block = sheet.getRange(1, 1, total, COLUMN_COUNT);
  // Plain-text format first: a name like "=HYPERLINK(...)" or "+1 555" must stay text, never become a formula.
  block.setNumberFormat('@');
  block.setValues([memberHeaders(), ...rows.map((row) => rowToCells(row, seal))]);
  sheet.getRange(1, 1, 1, COLUMN_COUNT).setFontWeight('bold');
  sheet.setFrozenRows(HEADER_ROWS);
  sheet.hideColumns(FIRST_HIDDEN_COL, HIDDEN_COLUMN_COUNT);
  if (rows.length > 0) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(uiRoles(), true)
      .setAllowInvalid(true)
      .setHelpText(words().roleChoices)
      .build();
    sheet.getRange(HEADER_ROWS + 1, COL.role, rows.length, 1).setDataValidation(rule);
  }
  return sheet;
}

/** All data rows, in one read. */
export function readRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetBlock {
  const last = sheet.getLastRow();
  if (last <= HEADER_ROWS) return { firstRow: HEADER_ROWS + 1, values: [] };
  return {
    firstRow: HEADER_ROWS + 1,
    values: sheet.getRange(HEADER_ROWS + 1, 1, last - HEADER_ROWS, COLUMN_COUNT).getValues(),
  };
}

/**
 * Writes patches to rows found by their key, reading the sheet again first: rows may have been sorted, moved or
 * deleted since they were planned. Returns the keys whose rows were not found (deleted meanwhile).
 */
export function patchRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  patches: readonly RowPatch[],
  seal: Seal,
): string[] {
  if (patches.length === 0) return [];
  const block = readRows(sheet);
  const { missing, low, high } = applyPatches(block.values, patches, seal);
  if (high >= 0) {
    const span = block.values
      .slice(low, high + 1)
      .map((row) => row.map((cell) => (cell instanceof Date ? cell : String(cell))));
    const range = sheet.getRange(block.firstRow + low, 1, span.length, COLUMN_COUNT);
    range.setNumberFormat('@');
    range.setValues(span);
  }
  return missing;
}
