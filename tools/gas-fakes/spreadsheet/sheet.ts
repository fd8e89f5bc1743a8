/**
 * Sheet: one tab. Holds the grid and the row/column structure operations (insert, delete, sort, hide, freeze), which
 * move rows as objects so row metadata and formats travel with their rows.
 */

import { GasError } from '../errors';
import { asApi, type FakeSpec } from '../fake';
import { parseA1, type RangeShape, toA1 } from './a1';
import { type Cell, SheetGrid } from './grid';
import { FakeDeveloperMetadataFinder } from './metadata';
import { FakeProtection } from './protection';
import { FakeRange } from './range';
import { FakeRangeList } from './range-list';
import type { FakeSpreadsheet } from './spreadsheet';
import { parseInput } from './typed-input';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

const SHEET_API = [
  'activate',
  'addDeveloperMetadata',
  'appendRow',
  'autoResizeColumns',
  'clear',
  'clearContents',
  'clearNotes',
  'copyTo',
  'createDeveloperMetadataFinder',
  'deleteColumns',
  'deleteRow',
  'deleteRows',
  'getColumnWidth',
  'getDataRange',
  'getDeveloperMetadata',
  'getFrozenColumns',
  'getFrozenRows',
  'getIndex',
  'getLastColumn',
  'getLastRow',
  'getMaxColumns',
  'getMaxRows',
  'getName',
  'getParent',
  'getProtections',
  'getRange',
  'getRangeList',
  'getSheetId',
  'getSheetName',
  'getTabColor',
  'hideColumns',
  'hideRows',
  'hideSheet',
  'insertColumnsAfter',
  'insertColumnsBefore',
  'insertRowAfter',
  'insertRowBefore',
  'insertRows',
  'insertRowsAfter',
  'insertRowsBefore',
  'isColumnHiddenByUser',
  'isRowHiddenByUser',
  'isSheetHidden',
  'protect',
  'setColumnWidth',
  'setFrozenColumns',
  'setFrozenRows',
  'setName',
  'setTabColor',
  'showColumns',
  'showRows',
  'showSheet',
  'sort',
] as const satisfies readonly (keyof Sheet)[];

/** Formatting a new row takes over from its neighbour, as when a person inserts a row in Sheets. */
const FORMAT_KEYS = ['numberFormat', 'validation', 'fontWeight', 'fontColor', 'background'] as const;

export class FakeSheet implements Pick<Sheet, (typeof SHEET_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Sheet', methods: SHEET_API };
  readonly grid: SheetGrid;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;

  constructor(
    readonly ss: FakeSpreadsheet,
    public name: string,
    readonly id: number,
    maxRows = 1000,
    maxColumns = 26,
  ) {
    this.grid = new SheetGrid(maxRows, maxColumns);
  }

  /**
   * A copy at the end of `spreadsheet` (only this spreadsheet is modelled), named "Copy of …" as Sheets does: same
   * cells, notes, formats, hidden columns; a new sheet id; developer metadata only if the spreadsheet says so.
   */
  copyTo(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet {
    if ((spreadsheet as unknown as FakeSpreadsheet) !== this.ss) throw new GasError('Invalid argument: spreadsheet');
    let name = `Copy of ${this.name}`;
    for (let n = 2; this.ss.sheets.some((s) => s.name === name); n++) name = `Copy of ${this.name} ${n}`;
    const copy = this.ss.addSheet(name, this.ss.sheets.length, this.grid.maxRows, this.grid.maxColumns);
    this.grid.rows.forEach((row, r) => {
      const target = copy.grid.rows[r];
      if (!target) return;
      target.hidden = row.hidden;
      row.cells.forEach((cell, c) => {
        if (cell) target.cells[c] = { ...cell };
      });
    });
    this.grid.columns.forEach((column, c) => {
      const target = copy.grid.columns[c];
      if (target) Object.assign(target, column);
    });
    copy.frozenRows = this.frozenRows;
    if (this.ss.sheetCopiesKeepMetadata) this.ss.metadata.copyOf(this, copy);
    return asApi(copy);
  }

  // ---- internal helpers (not API) ----

  /** A validated range, with Apps Script's messages for bad coordinates. */
  range(row: number, col: number, numRows = 1, numCols = 1, shape: RangeShape = 'cells'): FakeRange {
    for (const n of [row, col, numRows, numCols]) {
      if (typeof n !== 'number' || !Number.isInteger(n)) {
        throw new GasError(
          `The parameters (${[row, col, numRows, numCols].map((x) => typeof x).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
        );
      }
    }
    if (row < 1) throw new GasError('The starting row of the range is too small.');
    if (col < 1) throw new GasError('The starting column of the range is too small.');
    if (numRows < 1) throw new GasError('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new GasError('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.grid.maxRows || col + numCols - 1 > this.grid.maxColumns) {
      throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, col, numRows, numCols, shape);
  }

  wholeRows(row: number, count: number): FakeRange {
    return this.range(row, 1, count, this.grid.maxColumns, 'rows');
  }

  wholeColumns(col: number, count: number): FakeRange {
    return this.range(1, col, this.grid.maxRows, count, 'columns');
  }

  rangeA1(a1: string): FakeRange {
    const { range, shape } = parseA1(a1, this.grid.maxRows, this.grid.maxColumns);
    return this.range(range.row, range.col, range.numRows, range.numCols, shape);
  }

  /** Writes a value as a person typing would (see typed-input.ts); every string stored is recorded. */
  writeTyped(row: number, col: number, raw: unknown): void {
    const existing = this.grid.cell(row, col);
    const parsed = parseInput(raw, existing?.numberFormat, this.ss.timeZone);
    if (parsed.value === undefined && parsed.formula === undefined) {
      if (existing) {
        delete existing.value;
        delete existing.formula;
      }
      return;
    }
    const cell = this.grid.writableCell(row, col);
    if (parsed.value === undefined) delete cell.value;
    else cell.value = parsed.value;
    if (parsed.formula === undefined) delete cell.formula;
    else cell.formula = parsed.formula;
    if (parsed.autoFormat !== undefined && cell.numberFormat === undefined) cell.numberFormat = parsed.autoFormat;
    if (typeof raw === 'string') this.ss.runtime.recorder.record(`cell ${this.cellName(row, col)}`, raw);
  }

  writeFormula(row: number, col: number, formula: string): void {
    if (formula === '') this.writeTyped(row, col, null);
    else this.writeTyped(row, col, formula.startsWith('=') ? formula : `=${formula}`);
  }

  cellName(row: number, col: number): string {
    return `${this.name}!${toA1({ row, col, numRows: 1, numCols: 1 })}`;
  }

  // ---- identity ----

  getName(): string {
    return this.name;
  }
  getSheetName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    this.ss.checkSheetName(String(name), this);
    this.name = String(name);
    this.ss.runtime.recorder.record('sheet name', this.name);
    return asApi(this);
  }
  getSheetId(): number {
    return this.id;
  }
  getIndex(): number {
    return this.ss.sheets.indexOf(this) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return asApi(this.ss);
  }
  activate(): Sheet {
    this.ss.activateSheet(this);
    return asApi(this);
  }

  // ---- ranges ----

  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof rowOrA1 === 'string') {
      if (column !== undefined)
        throw new GasError(
          "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
        );
      return asApi(this.rangeA1(rowOrA1));
    }
    return asApi(this.range(rowOrA1, column as number, numRows ?? 1, numColumns ?? 1));
  }
  /** Ranges of this sheet by A1 notation (each checked as getRange checks it), for one write to all of them. */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations)) {
      throw new GasError(
        "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.",
      );
    }
    return asApi(new FakeRangeList(a1Notations.map((a1) => this.rangeA1(String(a1)))));
  }
  getDataRange(): Range {
    return asApi(this.range(1, 1, Math.max(1, this.grid.lastRow()), Math.max(1, this.grid.lastColumn())));
  }
  getLastRow(): number {
    return this.grid.lastRow();
  }
  getLastColumn(): number {
    return this.grid.lastColumn();
  }
  getMaxRows(): number {
    return this.grid.maxRows;
  }
  getMaxColumns(): number {
    return this.grid.maxColumns;
  }
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents) || rowContents.length === 0) {
      throw new GasError("The parameters () don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    }
    const row = this.grid.lastRow() + 1;
    if (row > this.grid.maxRows) this.grid.insertRows(this.grid.maxRows + 1, row - this.grid.maxRows);
    if (rowContents.length > this.grid.maxColumns) {
      this.grid.insertColumns(this.grid.maxColumns + 1, rowContents.length - this.grid.maxColumns);
    }
    rowContents.forEach((v, i) => {
      this.writeTyped(row, i + 1, v);
    });
    return asApi(this);
  }
  clear(options?: { formatOnly?: boolean | undefined; contentsOnly?: boolean | undefined }): Sheet {
    const all = this.range(1, 1, this.grid.maxRows, this.grid.maxColumns);
    if (options?.contentsOnly) all.clearContent();
    else if (options?.formatOnly) all.clearFormat();
    else {
      all.clearContent();
      all.clearFormat();
    }
    return asApi(this);
  }
  clearContents(): Sheet {
    this.range(1, 1, this.grid.maxRows, this.grid.maxColumns).clearContent();
    return asApi(this);
  }
  clearNotes(): Sheet {
    this.range(1, 1, this.grid.maxRows, this.grid.maxColumns).clearNote();
    return asApi(this);
  }

  // ---- rows and columns ----

  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsAt(rowIndex, numRows, rowIndex - 1 >= 1 ? rowIndex - 1 : rowIndex);
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.insertRowsAt(beforePosition, howMany, beforePosition - 1 >= 1 ? beforePosition - 1 : beforePosition);
    return asApi(this);
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.insertRowsAt(afterPosition + 1, howMany, afterPosition);
    return asApi(this);
  }
  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.checkRows(rowPosition, howMany);
    if (this.grid.maxRows - howMany <= this.frozenRows) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.grid.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return asApi(this);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.checkColumns(afterPosition, 1);
    this.grid.insertColumns(afterPosition + 1, howMany);
    return asApi(this);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    this.checkColumns(beforePosition, 1);
    this.grid.insertColumns(beforePosition, howMany);
    return asApi(this);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.checkColumns(columnPosition, howMany);
    if (this.grid.maxColumns - howMany <= this.frozenColumns) {
      throw new GasError('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.grid.deleteColumns(columnPosition, howMany);
  }
  setFrozenRows(rows: number): void {
    if (!Number.isInteger(rows) || rows < 0 || rows >= this.grid.maxRows) {
      throw new GasError("You can't freeze all visible rows on the sheet.");
    }
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    if (!Number.isInteger(columns) || columns < 0 || columns >= this.grid.maxColumns) {
      throw new GasError("You can't freeze all visible columns on the sheet.");
    }
    this.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++)
      (this.grid.columns[c - 1] as { hidden: boolean }).hidden = true;
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++)
      (this.grid.columns[c - 1] as { hidden: boolean }).hidden = false;
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.grid.columns[columnPosition - 1]?.hidden ?? false;
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.checkRows(rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) (this.grid.rows[r - 1] as { hidden: boolean }).hidden = true;
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.checkRows(rowIndex, numRows);
    for (let r = rowIndex; r < rowIndex + numRows; r++) (this.grid.rows[r - 1] as { hidden: boolean }).hidden = false;
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.grid.rows[rowPosition - 1]?.hidden ?? false;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.checkColumns(columnPosition, 1);
    (this.grid.columns[columnPosition - 1] as { width: number | null }).width = width;
    return asApi(this);
  }
  getColumnWidth(columnPosition: number): number {
    return this.grid.columns[columnPosition - 1]?.width ?? 100;
  }
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    this.checkColumns(startColumn, numColumns);
    return asApi(this);
  }
  /** Sorts every row below the frozen ones; whole rows move, so row metadata stays with its row. */
  sort(columnPosition: number, ascending = true): Sheet {
    this.checkColumns(columnPosition, 1);
    if (this.frozenRows < this.grid.maxRows) {
      this.grid.sortRows(this.frozenRows + 1, this.grid.maxRows, columnPosition, ascending);
    }
    return asApi(this);
  }

  // ---- sheet state ----

  hideSheet(): Sheet {
    if (this.ss.sheets.filter((s) => !s.hidden && s !== this).length === 0) {
      throw new GasError("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return asApi(this);
  }
  showSheet(): Sheet {
    this.hidden = false;
    return asApi(this);
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  setTabColor(color: string | null): Sheet {
    this.tabColor = color;
    return asApi(this);
  }
  getTabColor(): string | null {
    return this.tabColor;
  }

  // ---- metadata, protection ----

  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Sheet {
    const isVisibility = (v: unknown) => v === 'DOCUMENT' || v === 'PROJECT';
    const [value, vis] =
      visibility !== undefined
        ? [String(valueOrVisibility), String(visibility)]
        : isVisibility(valueOrVisibility)
          ? [null, String(valueOrVisibility)]
          : [valueOrVisibility === undefined ? null : String(valueOrVisibility), 'DOCUMENT'];
    this.ss.metadata.add(String(key), value, vis, { type: 'SHEET', sheet: this });
    return asApi(this);
  }
  /** Sheet-level metadata only (row and column metadata are found through finders or their ranges). */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    const finder = new FakeDeveloperMetadataFinder(this.ss.metadata, this.ss, { type: 'sheet', sheet: this });
    finder.withLocationType('SHEET' as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType);
    return finder.find();
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return asApi(new FakeDeveloperMetadataFinder(this.ss.metadata, this.ss, { type: 'sheet', sheet: this }));
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const all = this.range(1, 1, this.grid.maxRows, this.grid.maxColumns);
    const protection = new FakeProtection(
      'SHEET',
      all,
      this.ss.runtime.recorder,
      this.ss.runtime.current().effectiveUser.email,
    );
    this.ss.protections.push(protection);
    return asApi(protection);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this.ss.protections
      .filter((p) => !p.removed && p.range.sheet === this && p.type === String(type))
      .map((p) => asApi<GoogleAppsScript.Spreadsheet.Protection>(p));
  }

  // ---- private ----

  private insertRowsAt(at: number, count: number, formatFrom: number): void {
    if (!Number.isInteger(at) || !Number.isInteger(count) || count < 1 || at < 1 || at > this.grid.maxRows + 1) {
      throw new GasError('Those rows are out of bounds.');
    }
    const template = this.grid.rows[formatFrom - 1];
    this.grid.insertRows(at, count);
    if (!template) return;
    for (let r = at; r < at + count; r++) {
      const data = this.grid.rows[r - 1];
      if (!data) continue;
      template.cells.forEach((source, c) => {
        if (!source) return;
        const copy: Cell = {};
        for (const key of FORMAT_KEYS) if (source[key] !== undefined) Object.assign(copy, { [key]: source[key] });
        if (Object.keys(copy).length > 0) data.cells[c] = copy;
      });
    }
  }

  private checkRows(start: number, count: number): void {
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(count) ||
      start < 1 ||
      count < 1 ||
      start + count - 1 > this.grid.maxRows
    ) {
      throw new GasError('Those rows are out of bounds.');
    }
  }

  private checkColumns(start: number, count: number): void {
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(count) ||
      start < 1 ||
      count < 1 ||
      start + count - 1 > this.grid.maxColumns
    ) {
      throw new GasError('Those columns are out of bounds.');
    }
  }
}
