/** Spreadsheet: the bound document, its sheets, spreadsheet-level metadata and toasts. */

import { GasError } from '../errors';
import { asApi, type FakeSpec } from '../fake';
import type { Runtime } from '../runtime';
import { isValidTimeZone } from '../time-zone';
import { parseA1 } from './a1';
import { FakeDeveloperMetadataFinder, MetadataStore } from './metadata';
import type { FakeProtection } from './protection';
import type { FakeRange } from './range';
import { FakeSheet } from './sheet';
import type { UiLog } from './ui';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SheetSeed {
  name: string;
  /** Written as a person typing (strings are parsed), starting at A1. */
  values?: unknown[][];
  maxRows?: number;
  maxColumns?: number;
  frozenRows?: number;
}

export interface SpreadsheetSeed {
  id?: string;
  name?: string;
  timeZone?: string;
  locale?: string;
  sheets?: SheetSeed[];
}

const SPREADSHEET_API = [
  'addDeveloperMetadata',
  'createDeveloperMetadataFinder',
  'deleteSheet',
  'getActiveRange',
  'getActiveSheet',
  'getDeveloperMetadata',
  'getId',
  'getName',
  'getNumSheets',
  'getProtections',
  'getRange',
  'getSheetById',
  'getSheetByName',
  'getSheets',
  'getSpreadsheetLocale',
  'getSpreadsheetTimeZone',
  'getUrl',
  'insertSheet',
  'rename',
  'setActiveSheet',
  'setSpreadsheetTimeZone',
  'toast',
] as const satisfies readonly (keyof Spreadsheet)[];

export class FakeSpreadsheet implements Pick<Spreadsheet, (typeof SPREADSHEET_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Spreadsheet', methods: SPREADSHEET_API };
  readonly id: string;
  name: string;
  /** Seeded with `timeZone` (default: the script's zone); File › Settings or setSpreadsheetTimeZone changes it. */
  timeZone: string;
  readonly locale: string;
  readonly sheets: FakeSheet[] = [];
  readonly metadata: MetadataStore;
  /**
   * Whether Sheet.copyTo carries developer metadata to the copy. Google does not document it: tests run both ways
   * (an add-on must never treat a copy as the sheet it was copied from).
   */
  sheetCopiesKeepMetadata = true;
  readonly protections: FakeProtection[] = [];
  activeSheet: FakeSheet;
  activeRange: FakeRange | null = null;
  private nextSheetId = 0;

  constructor(
    readonly runtime: Runtime,
    private readonly ui: UiLog,
    seed: SpreadsheetSeed = {},
  ) {
    this.id = seed.id ?? '1FakeSpreadsheetId0000000000000000000000000';
    this.name = seed.name ?? 'Untitled spreadsheet';
    this.timeZone = seed.timeZone ?? runtime.timeZone;
    this.locale = seed.locale ?? 'en_US';
    this.metadata = new MetadataStore(this);
    const seeds = seed.sheets && seed.sheets.length > 0 ? seed.sheets : [{ name: 'Sheet1' }];
    for (const s of seeds) {
      const sheet = this.addSheet(s.name, this.sheets.length, s.maxRows, s.maxColumns);
      if (s.values && s.values.length > 0) {
        const width = Math.max(...s.values.map((r) => r.length));
        if (s.values.length > sheet.grid.maxRows)
          sheet.grid.insertRows(sheet.grid.maxRows + 1, s.values.length - sheet.grid.maxRows);
        if (width > sheet.grid.maxColumns)
          sheet.grid.insertColumns(sheet.grid.maxColumns + 1, width - sheet.grid.maxColumns);
        for (const [i, row] of s.values.entries()) {
          for (const [j, v] of row.entries()) sheet.writeTyped(i + 1, j + 1, v);
        }
      }
      if (s.frozenRows) sheet.frozenRows = s.frozenRows;
    }
    this.activeSheet = this.sheets[0] as FakeSheet;
  }

  // ---- internal helpers ----

  /** Sheet names are unique ignoring case, as in Sheets. */
  checkSheetName(name: string, self: FakeSheet | null): void {
    if (name.trim() === '') throw new GasError('Invalid argument: sheetName');
    const clash = this.sheets.find((s) => s !== self && s.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new GasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  addSheet(name: string, index: number, maxRows?: number, maxColumns?: number): FakeSheet {
    this.checkSheetName(name, null);
    // The first sheet of a new spreadsheet has gid 0; later ones get other ids (deterministic here).
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new FakeSheet(this, name, id, maxRows, maxColumns);
    this.sheets.splice(index, 0, sheet);
    this.runtime.recorder.record('sheet name', name);
    return sheet;
  }

  activateSheet(sheet: FakeSheet): void {
    this.activeSheet = sheet;
    this.activeRange = null;
  }

  sheetNamed(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase()) ?? null;
  }

  // ---- API ----

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  rename(newName: string): void {
    this.name = String(newName);
    this.runtime.recorder.record('spreadsheet name', this.name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(String(timezone))) throw new GasError(`Invalid argument: timezone`);
    this.timeZone = String(timezone);
    this.runtime.recorder.record('spreadsheet time zone', this.timeZone);
  }
  getSpreadsheetLocale(): string {
    return this.locale;
  }
  getSheets(): Sheet[] {
    return this.sheets.map((s) => asApi<Sheet>(s));
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  /** Case-insensitive, as in Apps Script. */
  getSheetByName(name: string): Sheet | null {
    const sheet = this.sheetNamed(name);
    return sheet ? asApi(sheet) : null;
  }
  getSheetById(id: number): Sheet | null {
    const sheet = this.sheets.find((s) => s.id === id);
    return sheet ? asApi(sheet) : null;
  }
  insertSheet(nameOrIndex?: string | number | object, indexOrOptions?: number | object): Sheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.freeName();
    const index =
      typeof nameOrIndex === 'number'
        ? nameOrIndex
        : typeof indexOrOptions === 'number'
          ? indexOrOptions
          : this.sheets.length;
    if (index < 0 || index > this.sheets.length) throw new GasError('Invalid argument: sheetIndex');
    const sheet = this.addSheet(name, index);
    this.activateSheet(sheet);
    return asApi(sheet);
  }
  deleteSheet(sheet: Sheet): void {
    const target = sheet as unknown as FakeSheet;
    if (!this.sheets.includes(target)) throw new GasError('Invalid argument: sheet');
    if (this.sheets.length === 1) throw new GasError("You can't remove all the sheets in a document.");
    this.sheets.splice(this.sheets.indexOf(target), 1);
    if (this.activeSheet === target) this.activateSheet(this.sheets[0] as FakeSheet);
    this.metadata.live();
  }
  setActiveSheet(sheet: Sheet): Sheet {
    const target = sheet as unknown as FakeSheet;
    if (!this.sheets.includes(target)) throw new GasError('Invalid argument: sheet');
    this.activateSheet(target);
    return sheet;
  }
  getActiveSheet(): Sheet {
    return asApi(this.activeSheet);
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range | null {
    return this.activeRange ? asApi(this.activeRange) : null;
  }
  /** "Sheet1!A1:B2"; without a sheet name, the active sheet. */
  getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
    const parsed = parseA1(String(a1Notation), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const sheet = parsed.sheetName === null ? this.activeSheet : this.sheetNamed(parsed.sheetName);
    if (!sheet) throw new GasError('Range not found');
    return asApi(sheet.rangeA1(String(a1Notation).slice(String(a1Notation).lastIndexOf('!') + 1)));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    const record = {
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
    };
    this.ui.toasts.push(record);
    this.runtime.recorder.record('toast', record.message);
    this.runtime.recorder.record('toast title', record.title);
  }
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): Spreadsheet {
    const isVisibility = (v: unknown) => v === 'DOCUMENT' || v === 'PROJECT';
    const [value, vis] =
      visibility !== undefined
        ? [String(valueOrVisibility), String(visibility)]
        : isVisibility(valueOrVisibility)
          ? [null, String(valueOrVisibility)]
          : [valueOrVisibility === undefined ? null : String(valueOrVisibility), 'DOCUMENT'];
    this.metadata.add(String(key), value, vis, { type: 'SPREADSHEET' });
    return asApi(this);
  }
  /** Spreadsheet-level metadata only. */
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    const finder = new FakeDeveloperMetadataFinder(this.metadata, this, { type: 'spreadsheet' });
    finder.withLocationType('SPREADSHEET' as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType);
    return finder.find();
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    return asApi(new FakeDeveloperMetadataFinder(this.metadata, this, { type: 'spreadsheet' }));
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    return this.protections
      .filter((p) => !p.removed && p.type === String(type))
      .map((p) => asApi<GoogleAppsScript.Spreadsheet.Protection>(p));
  }

  private freeName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this.sheetNamed(name)) return name;
    }
  }
}
