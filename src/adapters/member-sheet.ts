/**
 * Member sheets: one per space, recognised by developer metadata (titles can be renamed by anyone). All reads and
 * writes are whole blocks, so their cost in SpreadsheetApp round trips does not grow with the number of members.
 */

import type { MemberSheet, RowPatch, SheetBlock, SheetMeta } from '../app/ports';
import { applyPatches } from '../app/row-patches';
import { isAccess } from '../domain/access';
import {
  COL,
  COLUMN_COUNT,
  FIRST_HIDDEN_COL,
  HEADER_ROWS,
  HIDDEN_COLUMN_COUNT,
  type MemberRow,
  memberHeaders,
  rowToCells,
} from '../domain/member-row';
import { words } from '../domain/messages';
import { isSpaceName } from '../domain/resource-names';
import { uiRoles } from '../domain/roles';

const METADATA_KEY = 'chatSpaceRoles.memberSheet';

/** A member sheet over a SpreadsheetApp sheet. */
export class AppsScriptMemberSheet implements MemberSheet {
  constructor(
    readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    readonly meta: SheetMeta,
  ) {}

  readRows(): SheetBlock {
    return readRows(this.sheet);
  }

  patchRows(patches: readonly RowPatch[]): string[] {
    return patchRows(this.sheet, patches);
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

  writeHeader(): void {
    this.sheet.getRange(1, 1, 1, COLUMN_COUNT).setValues([memberHeaders()]);
  }
}

function parseMeta(value: string): SheetMeta | undefined {
  try {
    const meta = JSON.parse(value) as Partial<SheetMeta>;
    if (isSpaceName(meta.space) && typeof meta.spaceType === 'string' && typeof meta.title === 'string') {
      return {
        space: meta.space,
        spaceType: meta.spaceType,
        title: meta.title,
        access: isAccess(meta.access) ? meta.access : 'user',
      };
    }
  } catch {
    // Metadata written by someone else under our key: not a member sheet.
  }
  return undefined;
}

/** Every member sheet in the spreadsheet, found with one metadata search. */
export function findMemberSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): AppsScriptMemberSheet[] {
  const found: AppsScriptMemberSheet[] = [];
  for (const md of ss.createDeveloperMetadataFinder().withKey(METADATA_KEY).find()) {
    const meta = parseMeta(md.getValue() ?? '');
    const sheet = md.getLocation().getSheet();
    if (meta && sheet) found.push(new AppsScriptMemberSheet(sheet, meta));
  }
  return found;
}

export function memberSheetMeta(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetMeta | undefined {
  for (const md of sheet.getDeveloperMetadata()) {
    if (md.getKey() === METADATA_KEY) return parseMeta(md.getValue() ?? '');
  }
  return undefined;
}

/** A sheet title from a space name: Sheets forbids some characters and caps titles at 100 characters. */
function sheetTitle(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, displayName: string): string {
  const base = (displayName.replace(/[[\]*?:/\\']/g, ' ').trim() || words().appTitle).slice(0, 90);
  let title = base;
  for (let n = 2; ss.getSheetByName(title); n++) title = `${base} (${n})`;
  return title;
}

/** Writes a space's members into its sheet (created on first load) and returns the sheet. */
export function writeMemberSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  meta: SheetMeta,
  rows: readonly MemberRow[],
  existing: AppsScriptMemberSheet | undefined,
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = existing?.sheet ?? ss.insertSheet(sheetTitle(ss, meta.title));
  if (existing) {
    sheet.clear();
    sheet.getDataRange().clearDataValidations();
    // Written again on every load: the space's type or name may have changed in Chat since.
    for (const md of sheet.getDeveloperMetadata()) if (md.getKey() === METADATA_KEY) md.remove();
  }
  sheet.addDeveloperMetadata(METADATA_KEY, JSON.stringify(meta));
  const total = rows.length + HEADER_ROWS;
  const maxRows = sheet.getMaxRows();
  if (maxRows < total) sheet.insertRowsAfter(maxRows, total - maxRows);
  const block = sheet.getRange(1, 1, total, COLUMN_COUNT);
  // Plain-text format first: a name like "=HYPERLINK(...)" or "+1 555" must stay text, never become a formula.
  block.setNumberFormat('@');
  block.setValues([memberHeaders(), ...rows.map(rowToCells)]);
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
export function patchRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, patches: readonly RowPatch[]): string[] {
  if (patches.length === 0) return [];
  const block = readRows(sheet);
  const { missing, low, high } = applyPatches(block.values, patches);
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
