/**
 * Range: a rectangle of a sheet, addressed by coordinates (not by the rows that are there: inserting rows above a
 * Range object does not move it, as in Apps Script). Each method call is one counted round trip at the boundary, so
 * reading a block with getValues is one call and reading it cell by cell is many.
 */

import { GasError } from '../errors';
import { asApi, type FakeSpec } from '../fake';
import { type RangeShape, toA1 } from './a1';
import { displayValue } from './display';
import { type Cell, hasContent } from './grid';
import { FakeDeveloperMetadataFinder, type MetadataLocation } from './metadata';
import { FakeProtection } from './protection';
import type { FakeSheet } from './sheet';
import type { DisplayValueSource, FakeDataValidation } from './validation';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

const RANGE_API = [
  'activate',
  'addDeveloperMetadata',
  'clear',
  'clearContent',
  'clearDataValidations',
  'clearFormat',
  'clearNote',
  'createDeveloperMetadataFinder',
  'getA1Notation',
  'getBackground',
  'getBackgrounds',
  'getCell',
  'getColumn',
  'getDataValidation',
  'getDataValidations',
  'getDeveloperMetadata',
  'getDisplayValue',
  'getDisplayValues',
  'getFontWeight',
  'getFontWeights',
  'getFormula',
  'getFormulas',
  'getGridId',
  'getHeight',
  'getLastColumn',
  'getLastRow',
  'getNote',
  'getNotes',
  'getNumColumns',
  'getNumRows',
  'getNumberFormat',
  'getNumberFormats',
  'getRow',
  'getRowIndex',
  'getSheet',
  'getValue',
  'getValues',
  'getWidth',
  'isBlank',
  'offset',
  'protect',
  'setBackground',
  'setBackgrounds',
  'setDataValidation',
  'setDataValidations',
  'setFontColor',
  'setFontColors',
  'setFontWeight',
  'setFontWeights',
  'setFormula',
  'setFormulas',
  'setNote',
  'setNotes',
  'setNumberFormat',
  'setNumberFormats',
  'setValue',
  'setValues',
] as const satisfies readonly (keyof Range)[];

export const DEFAULT_NUMBER_FORMAT = 'General';
const ARBITRARY_METADATA =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

export class FakeRange implements Pick<Range, (typeof RANGE_API)[number]>, DisplayValueSource {
  static readonly gas: FakeSpec = { kind: 'Range', methods: RANGE_API };

  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
    readonly shape: RangeShape = 'cells',
  ) {}

  // ---- values ----

  getValues(): unknown[][] {
    return this.map((cell) => cell?.value ?? '');
  }
  setValues(values: unknown[][]): Range {
    this.checkGrid(values, 'setValues');
    this.eachCell((r, c, i, j) => this.sheet.writeTyped(r, c, (values[i] as unknown[])[j]));
    return asApi(this);
  }
  getValue(): unknown {
    return this.sheet.grid.cell(this.row, this.col)?.value ?? '';
  }
  setValue(value: unknown): Range {
    this.eachCell((r, c) => this.sheet.writeTyped(r, c, value));
    return asApi(this);
  }
  getDisplayValues(): string[][] {
    return this.displayValueGrid();
  }
  getDisplayValue(): string {
    return this.displayValueGrid()[0]?.[0] ?? '';
  }
  displayValueGrid(): string[][] {
    const tz = this.sheet.ss.timeZone;
    return this.map((cell) => displayValue(cell?.value, cell?.numberFormat, tz));
  }
  getFormulas(): string[][] {
    return this.map((cell) => cell?.formula ?? '');
  }
  getFormula(): string {
    return this.sheet.grid.cell(this.row, this.col)?.formula ?? '';
  }
  setFormula(formula: string): Range {
    this.eachCell((r, c) => this.sheet.writeFormula(r, c, formula));
    return asApi(this);
  }
  setFormulas(formulas: string[][]): Range {
    this.checkGrid(formulas, 'setFormulas');
    this.eachCell((r, c, i, j) => this.sheet.writeFormula(r, c, String((formulas[i] as unknown[])[j] ?? '')));
    return asApi(this);
  }
  clearContent(): Range {
    this.eachCell((r, c) => this.sheet.writeTyped(r, c, null));
    return asApi(this);
  }
  /** No options: content, formats, notes and validation go; the options narrow it as in Apps Script. */
  clear(options?: {
    contentsOnly?: boolean | undefined;
    formatOnly?: boolean | undefined;
    validationsOnly?: boolean | undefined;
    commentsOnly?: boolean | undefined;
  }): Range {
    const only =
      options && (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly);
    if (!only || options?.contentsOnly) this.clearContent();
    if (!only || options?.formatOnly) this.clearFormat();
    if (!only || options?.validationsOnly) this.clearDataValidations();
    if (!only || options?.commentsOnly) this.clearNote();
    return asApi<Range>(this);
  }
  isBlank(): boolean {
    return this.map((cell) => hasContent(cell)).every((row) => row.every((x) => !x));
  }

  // ---- notes ----

  getNotes(): string[][] {
    return this.map((cell) => cell?.note ?? '');
  }
  getNote(): string {
    return this.sheet.grid.cell(this.row, this.col)?.note ?? '';
  }
  setNotes(notes: Array<Array<string | null>>): Range {
    this.checkGrid(notes, 'setNotes');
    this.eachCell((r, c, i, j) => this.writeNote(r, c, (notes[i] as unknown[])[j]));
    return asApi(this);
  }
  setNote(note: string | null): Range {
    this.eachCell((r, c) => this.writeNote(r, c, note));
    return asApi(this);
  }
  clearNote(): Range {
    this.eachCell((r, c) => this.writeNote(r, c, null));
    return asApi(this);
  }

  // ---- formats ----

  getNumberFormats(): string[][] {
    return this.map((cell) => cell?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat(): string {
    return this.sheet.grid.cell(this.row, this.col)?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  }
  setNumberFormat(numberFormat: string): Range {
    this.eachCell((r, c) => this.writeAttr(r, c, 'numberFormat', numberFormat));
    return asApi(this);
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this.checkGrid(numberFormats, 'setNumberFormats');
    this.eachCell((r, c, i, j) => this.writeAttr(r, c, 'numberFormat', (numberFormats[i] as unknown[])[j]));
    return asApi(this);
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return (this.sheet.grid.cell(this.row, this.col)?.fontWeight ??
      'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this.map((cell) => (cell?.fontWeight ?? 'normal') as GoogleAppsScript.Spreadsheet.FontWeight);
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): Range {
    this.eachCell((r, c) => this.writeAttr(r, c, 'fontWeight', fontWeight));
    return asApi(this);
  }
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): Range {
    this.checkGrid(fontWeights, 'setFontWeights');
    this.eachCell((r, c, i, j) => this.writeAttr(r, c, 'fontWeight', (fontWeights[i] as unknown[])[j]));
    return asApi(this);
  }
  getBackground(): string {
    return this.sheet.grid.cell(this.row, this.col)?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.map((cell) => cell?.background ?? '#ffffff');
  }
  setBackground(color: string | null): Range {
    this.eachCell((r, c) => this.writeAttr(r, c, 'background', color));
    return asApi(this);
  }
  setBackgrounds(colors: Array<Array<string | null>>): Range {
    this.checkGrid(colors, 'setBackgrounds');
    this.eachCell((r, c, i, j) => this.writeAttr(r, c, 'background', (colors[i] as unknown[])[j]));
    return asApi(this);
  }
  setFontColor(color: string | null): Range {
    this.eachCell((r, c) => this.writeAttr(r, c, 'fontColor', color));
    return asApi(this);
  }
  setFontColors(colors: unknown[][]): Range {
    this.checkGrid(colors, 'setFontColors');
    this.eachCell((r, c, i, j) => this.writeAttr(r, c, 'fontColor', (colors[i] as unknown[])[j]));
    return asApi(this);
  }
  clearFormat(): Range {
    this.eachCell((r, c) => {
      const cell = this.sheet.grid.cell(r, c);
      if (!cell) return;
      delete cell.numberFormat;
      delete cell.fontWeight;
      delete cell.fontColor;
      delete cell.background;
    });
    return asApi(this);
  }

  // ---- validation ----

  setDataValidation(rule: DataValidation | null): Range {
    this.eachCell((r, c) => this.writeValidation(r, c, rule));
    return asApi(this);
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    this.checkGrid(rules, 'setDataValidations');
    this.eachCell((r, c, i, j) => this.writeValidation(r, c, (rules[i] as unknown[])[j] as DataValidation | null));
    return asApi(this);
  }
  getDataValidation(): DataValidation | null {
    const rule = this.sheet.grid.cell(this.row, this.col)?.validation;
    return rule ? asApi(rule) : null;
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    return this.map((cell) => (cell?.validation ? asApi<DataValidation>(cell.validation) : null));
  }
  clearDataValidations(): Range {
    this.eachCell((r, c) => this.writeValidation(r, c, null));
    return asApi(this);
  }

  // ---- geometry ----

  getRow(): number {
    return this.row;
  }
  getRowIndex(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  /** The range's own last row, not the sheet's last row with content. */
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getHeight(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getWidth(): number {
    return this.numCols;
  }
  getA1Notation(): string {
    return toA1(this, this.shape);
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return asApi(this.sheet);
  }
  getGridId(): number {
    return this.sheet.id;
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols) {
      throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return asApi(this.sheet.range(this.row + row - 1, this.col + column - 1, 1, 1));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return asApi(
      this.sheet.range(
        this.row + rowOffset,
        this.col + columnOffset,
        numRows ?? this.numRows,
        numColumns ?? this.numCols,
      ),
    );
  }
  activate(): Range {
    this.sheet.ss.activateSheet(this.sheet);
    this.sheet.ss.activeRange = this;
    return asApi(this);
  }

  // ---- metadata, protection ----

  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Range {
    const location = this.metadataLocation();
    if (!location) throw new GasError(ARBITRARY_METADATA);
    const isVisibility = (v: unknown) => v === 'DOCUMENT' || v === 'PROJECT';
    const [value, vis] =
      visibility !== undefined
        ? [String(valueOrVisibility), String(visibility)]
        : isVisibility(valueOrVisibility)
          ? [null, String(valueOrVisibility)]
          : [valueOrVisibility === undefined ? null : String(valueOrVisibility), 'DOCUMENT'];
    this.sheet.ss.metadata.add(String(key), value, vis, location);
    return asApi(this);
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return new FakeDeveloperMetadataFinder(this.sheet.ss.metadata, this.sheet.ss, {
      type: 'range',
      range: this,
    }).find();
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return asApi(
      new FakeDeveloperMetadataFinder(this.sheet.ss.metadata, this.sheet.ss, { type: 'range', range: this }),
    );
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const ss = this.sheet.ss;
    const protection = new FakeProtection('RANGE', this, ss.runtime.recorder, ss.runtime.current().effectiveUser.email);
    ss.protections.push(protection);
    return asApi(protection);
  }

  // ---- internals ----

  /** Row or column metadata needs a whole single row or column. */
  private metadataLocation(): MetadataLocation | null {
    const grid = this.sheet.grid;
    if (this.numRows === 1 && (this.shape === 'rows' || (this.col === 1 && this.numCols === grid.maxColumns))) {
      return { type: 'ROW', sheet: this.sheet, row: grid.rows[this.row - 1] as (typeof grid.rows)[number] };
    }
    if (this.numCols === 1 && (this.shape === 'columns' || (this.row === 1 && this.numRows === grid.maxRows))) {
      return { type: 'COLUMN', sheet: this.sheet, column: grid.columns[this.col - 1] as (typeof grid.columns)[number] };
    }
    return null;
  }

  private map<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const rowData = this.sheet.grid.rows[this.row - 1 + i];
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j++) line.push(fn(rowData?.cells[this.col - 1 + j]));
      out.push(line);
    }
    return out;
  }

  private eachCell(fn: (row: number, col: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numCols; j++) fn(this.row + i, this.col + j, i, j);
    }
  }

  /** Apps Script's size checks, with its messages. */
  private checkGrid(values: unknown, method: string): void {
    if (!Array.isArray(values) || !values.every((row) => Array.isArray(row))) {
      throw new GasError(
        `The parameters (${describe(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (values.length !== this.numRows) {
      throw new GasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values as unknown[][]) {
      if (row.length !== this.numCols) {
        throw new GasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numCols}.`,
        );
      }
    }
  }

  private writeNote(row: number, col: number, note: unknown): void {
    const text = note === null || note === undefined ? '' : String(note);
    if (text === '') {
      const cell = this.sheet.grid.cell(row, col);
      if (cell) delete cell.note;
      return;
    }
    this.sheet.grid.writableCell(row, col).note = text;
    this.sheet.ss.runtime.recorder.record(
      `note ${this.sheet.name}!${toA1({ row, col, numRows: 1, numCols: 1 })}`,
      text,
    );
  }

  private writeAttr(
    row: number,
    col: number,
    attr: 'numberFormat' | 'fontWeight' | 'fontColor' | 'background',
    v: unknown,
  ) {
    if (v === null || v === undefined || v === '') {
      const cell = this.sheet.grid.cell(row, col);
      if (cell) delete cell[attr];
      return;
    }
    this.sheet.grid.writableCell(row, col)[attr] = String(v);
  }

  private writeValidation(row: number, col: number, rule: DataValidation | null): void {
    if (rule === null || rule === undefined) {
      const cell = this.sheet.grid.cell(row, col);
      if (cell) delete cell.validation;
      return;
    }
    this.sheet.grid.writableCell(row, col).validation = rule as unknown as FakeDataValidation;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `${value.length > 0 ? describe(value[0]) : 'Object'}[]`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}
