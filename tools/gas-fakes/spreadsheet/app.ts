/** SpreadsheetApp: the entry point to the bound spreadsheet and its Ui. */

import { GasError } from '../errors';
import { asApi, type FakeSpec } from '../fake';
import { type Runtime, SCOPES } from '../runtime';
import { DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './metadata';
import { ProtectionType } from './protection';
import type { FakeSpreadsheet } from './spreadsheet';
import type { FakeUi } from './ui';
import { DataValidationCriteria, FakeDataValidationBuilder } from './validation';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

const APP_API = [
  'flush',
  'getActive',
  'getActiveRange',
  'getActiveSheet',
  'getActiveSpreadsheet',
  'getUi',
  'newDataValidation',
  'openById',
] as const satisfies readonly (keyof App)[];
const APP_PROPS = [
  'DataValidationCriteria',
  'DeveloperMetadataLocationType',
  'DeveloperMetadataVisibility',
  'ProtectionType',
] as const satisfies readonly (keyof App)[];

const DOCUMENT_SCOPES = [SCOPES.sheetsCurrentOnly, SCOPES.sheets];

export class FakeSpreadsheetApp implements Pick<App, (typeof APP_API)[number] | (typeof APP_PROPS)[number]> {
  static readonly gas: FakeSpec = { kind: 'SpreadsheetApp', methods: APP_API, props: APP_PROPS };
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly ProtectionType = ProtectionType;

  constructor(
    private readonly runtime: Runtime,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {}

  flush(): void {
    // Writes are applied at once in the fakes; flush only counts as the round trip it is.
  }
  /** null inside a clock trigger under strict noDocumentInTimeTriggers (no document is open there). */
  getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.runtime.authorize('SpreadsheetApp.getActive', 'LIMITED', DOCUMENT_SCOPES);
    return this.active();
  }
  getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.runtime.authorize('SpreadsheetApp.getActiveSpreadsheet', 'LIMITED', DOCUMENT_SCOPES);
    return this.active();
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.runtime.authorize('SpreadsheetApp.getActiveSheet', 'LIMITED', DOCUMENT_SCOPES);
    return asApi(this.spreadsheet.activeSheet);
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    this.runtime.authorize('SpreadsheetApp.getActiveRange', 'LIMITED', DOCUMENT_SCOPES);
    const sheet = this.spreadsheet.activeSheet;
    return asApi(this.spreadsheet.activeRange ?? sheet.range(1, 1));
  }
  /** Not available where no person is watching (time-driven triggers). */
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.runtime.current().kind === 'time-trigger') {
      throw new GasError('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    this.runtime.authorize('SpreadsheetApp.getUi', 'NONE', [SCOPES.containerUi]);
    return asApi(this.ui);
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return asApi(new FakeDataValidationBuilder());
  }
  openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.runtime.authorize('SpreadsheetApp.openById', 'FULL', [SCOPES.sheets]);
    if (id !== this.spreadsheet.id) throw new GasError('You do not have permission to access the requested document.');
    return asApi(this.spreadsheet);
  }

  private active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return (
      this.runtime.withoutDocument() ? null : asApi(this.spreadsheet)
    ) as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }
}
