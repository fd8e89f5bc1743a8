/**
 * The cells of one sheet. Rows and columns are objects that move as a whole: inserting, deleting and sorting rows moves
 * the RowData objects, so everything attached to a row (its cells, notes, validation, row metadata) moves with it.
 */

import { types } from 'node:util';
import type { CellValue } from './typed-input';
import type { FakeDataValidation } from './validation';

export interface Cell {
  /** Typed value as getValues returns it; for formula cells the computed value. */
  value?: CellValue;
  formula?: string;
  note?: string;
  numberFormat?: string;
  validation?: FakeDataValidation;
  fontWeight?: string;
  fontColor?: string;
  background?: string;
}

export class RowData {
  readonly cells: Array<Cell | undefined> = [];
  hidden = false;
}

export class ColumnData {
  hidden = false;
  width: number | null = null;
}

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ''));
}

export class SheetGrid {
  rows: RowData[];
  columns: ColumnData[];

  constructor(maxRows: number, maxColumns: number) {
    this.rows = Array.from({ length: maxRows }, () => new RowData());
    this.columns = Array.from({ length: maxColumns }, () => new ColumnData());
  }

  get maxRows(): number {
    return this.rows.length;
  }

  get maxColumns(): number {
    return this.columns.length;
  }

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.cells[col - 1];
  }

  writableCell(row: number, col: number): Cell {
    const data = this.rows[row - 1];
    if (!data) throw new Error(`gas-fakes: row ${row} outside the grid`);
    let cell = data.cells[col - 1];
    if (!cell) {
      cell = {};
      data.cells[col - 1] = cell;
    }
    return cell;
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if ((this.rows[r - 1] as RowData).cells.some(hasContent)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      for (let c = row.cells.length; c > last; c--) {
        if (hasContent(row.cells[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** New empty rows at position `at` (1-based); the row that was there and all below move down. */
  insertRows(at: number, count: number): void {
    const fresh = Array.from({ length: count }, () => new RowData());
    this.rows.splice(at - 1, 0, ...fresh);
  }

  deleteRows(start: number, count: number): RowData[] {
    return this.rows.splice(start - 1, count);
  }

  insertColumns(at: number, count: number): void {
    this.columns.splice(at - 1, 0, ...Array.from({ length: count }, () => new ColumnData()));
    for (const row of this.rows) {
      if (row.cells.length >= at) row.cells.splice(at - 1, 0, ...new Array<Cell | undefined>(count));
    }
  }

  deleteColumns(start: number, count: number): ColumnData[] {
    for (const row of this.rows) row.cells.splice(start - 1, count);
    return this.columns.splice(start - 1, count);
  }

  /**
   * Sorts rows first..last by one column, as Sheets does: numbers and dates, then text (case-insensitive), then
   * booleans; empty cells always last whatever the direction. Stable.
   */
  sortRows(first: number, last: number, col: number, ascending: boolean): void {
    const slice = this.rows.slice(first - 1, last);
    slice.sort((a, b) => compareForSort(a.cells[col - 1], b.cells[col - 1], ascending));
    this.rows.splice(first - 1, slice.length, ...slice);
  }
}

function sortKey(cell: Cell | undefined): { rank: number; value: number | string } | null {
  if (!hasContent(cell)) return null;
  const v = (cell as Cell).value;
  if (typeof v === 'number') return { rank: 0, value: v };
  if (types.isDate(v)) return { rank: 0, value: (v as Date).getTime() };
  if (typeof v === 'boolean') return { rank: 2, value: v ? 1 : 0 };
  return { rank: 1, value: String(v ?? '') };
}

function compareForSort(a: Cell | undefined, b: Cell | undefined, ascending: boolean): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (!ka || !kb) return ka ? -1 : kb ? 1 : 0;
  let order: number;
  if (ka.rank !== kb.rank) order = ka.rank - kb.rank;
  else if (typeof ka.value === 'string' && typeof kb.value === 'string') {
    order = ka.value.localeCompare(kb.value, 'en', { sensitivity: 'base' });
  } else order = (ka.value as number) - (kb.value as number);
  return ascending ? order : -order;
}
