/**
 * Developer metadata: key/value pairs attached to the spreadsheet, a sheet, a row or a column. Row and column
 * locations hold the RowData/ColumnData object itself, so the metadata moves when rows are inserted, deleted or sorted,
 * and disappears with its row.
 */

import { GasError } from '../errors';
import { asApi, enumName, enumValue, type FakeSpec, gasEnum } from '../fake';
import type { ColumnData, RowData } from './grid';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type Location = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation;
type Finder = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
type LocationType = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType;
type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

export const DeveloperMetadataLocationType = gasEnum<typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType>(
  ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'],
);
export const DeveloperMetadataVisibility = gasEnum<typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility>([
  'DOCUMENT',
  'PROJECT',
]);

/** Sheets allows 30,000 characters of metadata on the spreadsheet and on each sheet (its rows and columns included). */
export const METADATA_CHAR_LIMIT = 30_000;

export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: FakeSheet }
  | { type: 'ROW'; sheet: FakeSheet; row: RowData }
  | { type: 'COLUMN'; sheet: FakeSheet; column: ColumnData };

export interface MetadataEntry {
  readonly id: number;
  key: string;
  value: string | null;
  visibility: string;
  location: MetadataLocation;
  /** The script project that created it: PROJECT-visibility entries are seen only by that project. */
  project: string;
}

export class MetadataStore {
  private entries: MetadataEntry[] = [];
  private nextId = 1_000_001;

  constructor(private readonly ss: FakeSpreadsheet) {}

  add(key: string, value: string | null, visibility: string, location: MetadataLocation): MetadataEntry {
    if (typeof key !== 'string' || key === '') throw new GasError('Invalid argument: key');
    const project = this.ss.runtime.current().project;
    const entry: MetadataEntry = { id: this.nextId++, key, value, visibility, location, project };
    this.checkLimit(entry, key.length + (value?.length ?? 0));
    this.entries.push(entry);
    this.ss.runtime.recorder.record('developer metadata key', key);
    this.ss.runtime.recorder.record(`developer metadata ${key}`, value);
    return entry;
  }

  /** Entries whose location still exists (a deleted row or sheet takes its metadata with it). */
  live(): MetadataEntry[] {
    this.entries = this.entries.filter((e) => this.exists(e.location));
    return [...this.entries];
  }

  /**
   * What the running script can see: DOCUMENT entries, and PROJECT entries its own project created (Sheets API:
   * "PROJECT: only visible to and accessible by the developer project that created the metadata").
   */
  visible(): MetadataEntry[] {
    const project = this.ss.runtime.current().project;
    return this.live().filter((e) => e.visibility === 'DOCUMENT' || e.project === project);
  }

  /** A copied sheet's metadata (when the copy keeps it), for the new sheet. */
  copyOf(from: FakeSheet, to: FakeSheet): void {
    for (const e of this.live()) {
      if (e.location.type === 'SPREADSHEET' || e.location.sheet !== from) continue;
      const location: MetadataLocation =
        e.location.type === 'SHEET'
          ? { type: 'SHEET', sheet: to }
          : e.location.type === 'ROW'
            ? { type: 'ROW', sheet: to, row: to.grid.rows[from.grid.rows.indexOf(e.location.row)] as RowData }
            : {
                type: 'COLUMN',
                sheet: to,
                column: to.grid.columns[from.grid.columns.indexOf(e.location.column)] as ColumnData,
              };
      this.entries.push({ ...e, id: this.nextId++, location });
    }
  }

  remove(entry: MetadataEntry): void {
    this.entries = this.entries.filter((e) => e !== entry);
  }

  setValue(entry: MetadataEntry, key: string, value: string | null): void {
    const delta = key.length + (value?.length ?? 0) - (entry.key.length + (entry.value?.length ?? 0));
    this.checkLimit(entry, delta);
    entry.key = key;
    entry.value = value;
    this.ss.runtime.recorder.record(`developer metadata ${key}`, value);
  }

  /** 1-based row or column index of a row/column location, or null. */
  indexOf(location: MetadataLocation): number | null {
    if (location.type === 'ROW') return location.sheet.grid.rows.indexOf(location.row) + 1 || null;
    if (location.type === 'COLUMN') return location.sheet.grid.columns.indexOf(location.column) + 1 || null;
    return null;
  }

  private exists(location: MetadataLocation): boolean {
    if (location.type === 'SPREADSHEET') return true;
    if (!this.ss.sheets.includes(location.sheet)) return false;
    return location.type === 'SHEET' || this.indexOf(location) !== null;
  }

  private checkLimit(entry: MetadataEntry, added: number): void {
    const scope = (e: MetadataEntry) => (e.location.type === 'SPREADSHEET' ? null : e.location.sheet);
    const owner = scope(entry);
    const used = this.live()
      .filter((e) => scope(e) === owner)
      .reduce((n, e) => n + e.key.length + (e.value?.length ?? 0), 0);
    if (used + added > METADATA_CHAR_LIMIT) {
      const where = owner ? `sheet "${owner.name}"` : 'the spreadsheet';
      throw new GasError(
        `The developer metadata of ${where} would exceed the limit of ${METADATA_CHAR_LIMIT} characters.`,
      );
    }
  }
}

const METADATA_API = [
  'getId',
  'getKey',
  'getValue',
  'getVisibility',
  'getLocation',
  'setKey',
  'setValue',
  'remove',
] as const satisfies readonly (keyof DeveloperMetadata)[];

export class FakeDeveloperMetadata implements Pick<DeveloperMetadata, (typeof METADATA_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'DeveloperMetadata', methods: METADATA_API };

  constructor(
    private readonly store: MetadataStore,
    private readonly ss: FakeSpreadsheet,
    readonly entry: MetadataEntry,
  ) {}

  getId(): number {
    return this.entry.id;
  }
  getKey(): string {
    return this.entry.key;
  }
  getValue(): string | null {
    return this.entry.value;
  }
  getVisibility(): Visibility {
    return enumValue<Visibility>(this.entry.visibility);
  }
  getLocation(): Location {
    return asApi(new FakeDeveloperMetadataLocation(this.store, this.ss, this.entry.location));
  }
  setKey(key: string): DeveloperMetadata {
    this.store.setValue(this.entry, String(key), this.entry.value);
    return asApi(this);
  }
  setValue(value: string): DeveloperMetadata {
    this.store.setValue(this.entry, this.entry.key, String(value));
    return asApi(this);
  }
  remove(): void {
    this.store.remove(this.entry);
  }
}

const LOCATION_API = [
  'getColumn',
  'getLocationType',
  'getRow',
  'getSheet',
  'getSpreadsheet',
] as const satisfies readonly (keyof Location)[];

export class FakeDeveloperMetadataLocation implements Pick<Location, (typeof LOCATION_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'DeveloperMetadataLocation', methods: LOCATION_API };

  constructor(
    private readonly store: MetadataStore,
    private readonly ss: FakeSpreadsheet,
    private readonly location: MetadataLocation,
  ) {}

  getColumn(): GoogleAppsScript.Spreadsheet.Range | null {
    const index = this.store.indexOf(this.location);
    if (this.location.type !== 'COLUMN' || index === null) return null;
    return asApi(this.location.sheet.wholeColumns(index, 1));
  }
  getLocationType(): LocationType {
    return enumValue<LocationType>(this.location.type);
  }
  getRow(): GoogleAppsScript.Spreadsheet.Range | null {
    const index = this.store.indexOf(this.location);
    if (this.location.type !== 'ROW' || index === null) return null;
    return asApi(this.location.sheet.wholeRows(index, 1));
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.location.type === 'SPREADSHEET' ? null : asApi(this.location.sheet);
  }
  getSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
    return this.location.type === 'SPREADSHEET' ? asApi(this.ss) : null;
  }
}

export type FinderScope =
  | { type: 'spreadsheet' }
  | { type: 'sheet'; sheet: FakeSheet }
  | { type: 'range'; range: FakeRange };

const FINDER_API = [
  'find',
  'onIntersectingLocations',
  'withId',
  'withKey',
  'withLocationType',
  'withValue',
  'withVisibility',
] as const satisfies readonly (keyof Finder)[];

export class FakeDeveloperMetadataFinder implements Pick<Finder, (typeof FINDER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'DeveloperMetadataFinder', methods: FINDER_API };
  private readonly filters: Array<(e: MetadataEntry) => boolean> = [];
  private intersecting = false;

  constructor(
    private readonly store: MetadataStore,
    private readonly ss: FakeSpreadsheet,
    private readonly scope: FinderScope,
  ) {}

  find(): DeveloperMetadata[] {
    return this.store
      .visible()
      .filter((e) => this.inScope(e) && this.filters.every((f) => f(e)))
      .map((e) => asApi<DeveloperMetadata>(new FakeDeveloperMetadata(this.store, this.ss, e)));
  }
  onIntersectingLocations(): Finder {
    this.intersecting = true;
    return asApi(this);
  }
  withId(id: number): Finder {
    return this.filter((e) => e.id === id);
  }
  withKey(key: string): Finder {
    return this.filter((e) => e.key === key);
  }
  withLocationType(locationType: LocationType): Finder {
    const name = enumName(locationType);
    return this.filter((e) => e.location.type === name);
  }
  withValue(value: string): Finder {
    return this.filter((e) => e.value === value);
  }
  withVisibility(visibility: Visibility): Finder {
    const name = enumName(visibility);
    return this.filter((e) => e.visibility === name);
  }

  private filter(f: (e: MetadataEntry) => boolean): Finder {
    this.filters.push(f);
    return asApi(this);
  }

  private inScope(e: MetadataEntry): boolean {
    const scope = this.scope;
    if (scope.type === 'spreadsheet') return true;
    const loc = e.location;
    if (loc.type === 'SPREADSHEET') return false;
    if (scope.type === 'sheet') return loc.sheet === scope.sheet;
    const range = scope.range;
    if (loc.sheet !== range.sheet) return false;
    const index = this.store.indexOf(loc);
    if (loc.type === 'SHEET' || index === null) return false;
    const [first, count, full] =
      loc.type === 'ROW'
        ? [range.row, range.numRows, range.numCols === range.sheet.grid.maxColumns]
        : [range.col, range.numCols, range.numRows === range.sheet.grid.maxRows];
    const inside = index >= first && index < first + count;
    return inside && (this.intersecting || full);
  }
}
