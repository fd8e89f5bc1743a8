/** Reads a sheet of the simulated spreadsheet for the page: display values, hidden columns, dropdown cells. */

import type { GasEnvironment } from '../gas-fakes';
import type { Grid, GridRow, SheetTab } from './protocol';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function sheetTabs(env: GasEnvironment): SheetTab[] {
  return env.spreadsheet.getSheets().map((s) => ({ name: s.getName(), id: s.getSheetId() }));
}

/** The sheet named `name` (the active one when absent or gone), read through the fakes' uncounted view. */
export function readGrid(env: GasEnvironment, name: string | undefined, rowLimit: number): Grid {
  const ss = env.spreadsheet;
  const sheet: Sheet = (name === undefined ? null : ss.getSheetByName(name)) ?? ss.getActiveSheet();
  const totalRows = sheet.getLastRow();
  const columns = Math.max(1, sheet.getLastColumn());
  const shown = Math.min(totalRows, Math.max(0, rowLimit));
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= columns; c++) if (sheet.isColumnHiddenByUser(c)) hiddenColumns.push(c);

  const rows: GridRow[] = [];
  const lists: string[][] = [];
  const listIndex = new Map<string, number>();
  if (shown > 0) {
    const range = sheet.getRange(1, 1, shown, columns);
    const display = range.getDisplayValues();
    const rules = range.getDataValidations();
    display.forEach((values, i) => {
      const row: GridRow = { n: i + 1, values: values.map(String) };
      (rules[i] ?? []).forEach((rule, j) => {
        const options = rule ? listOptions(rule) : null;
        if (!options) return;
        const key = JSON.stringify(options);
        let index = listIndex.get(key);
        if (index === undefined) {
          index = lists.push(options) - 1;
          listIndex.set(key, index);
        }
        row.lists ??= {};
        row.lists[j + 1] = index;
      });
      rows.push(row);
    });
  }
  return {
    sheet: sheet.getName(),
    sheetId: sheet.getSheetId(),
    columns,
    hiddenColumns,
    frozenRows: sheet.getFrozenRows(),
    totalRows,
    rows,
    lists,
  };
}

/** The options of a "value in list" rule that shows a dropdown; null for any other rule. */
function listOptions(rule: GoogleAppsScript.Spreadsheet.DataValidation): string[] | null {
  if (String(rule.getCriteriaType()) !== 'VALUE_IN_LIST') return null;
  const [values, showDropdown] = rule.getCriteriaValues() as [unknown, unknown];
  if (!Array.isArray(values) || showDropdown === false) return null;
  return values.map(String);
}
