/** Sheet and range protections: recorded for tests to inspect. A warning-only protection stops nothing for scripts. */

import { asApi, enumValue, type FakeSpec, gasEnum } from '../fake';
import type { Recorder } from '../recorder';
import { FakeUser } from '../user';
import type { FakeRange } from './range';

type Protection = GoogleAppsScript.Spreadsheet.Protection;

export const ProtectionType = gasEnum<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);

const PROTECTION_API = [
  'addEditor',
  'addEditors',
  'canDomainEdit',
  'canEdit',
  'getDescription',
  'getEditors',
  'getProtectionType',
  'getRange',
  'isWarningOnly',
  'remove',
  'removeEditor',
  'removeEditors',
  'setDescription',
  'setDomainEdit',
  'setWarningOnly',
] as const satisfies readonly (keyof Protection)[];

export class FakeProtection implements Pick<Protection, (typeof PROTECTION_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Protection', methods: PROTECTION_API };
  description = '';
  warningOnly = false;
  domainEdit = true;
  removed = false;
  readonly editors = new Set<string>();

  constructor(
    readonly type: 'RANGE' | 'SHEET',
    readonly range: FakeRange,
    private readonly recorder: Recorder,
    creator: string,
  ) {
    this.editors.add(creator);
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): Protection {
    this.editors.add(typeof emailAddress === 'string' ? emailAddress : emailAddress.getEmail());
    return asApi(this);
  }
  addEditors(emailAddresses: string[]): Protection {
    for (const e of emailAddresses) this.editors.add(e);
    return asApi(this);
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  canEdit(): boolean {
    return true;
  }
  getDescription(): string {
    return this.description;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return [...this.editors].map((email) => asApi<GoogleAppsScript.Base.User>(new FakeUser(email)));
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return enumValue(this.type);
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return asApi(this.range);
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  remove(): void {
    this.removed = true;
  }
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): Protection {
    this.editors.delete(typeof emailAddress === 'string' ? emailAddress : emailAddress.getEmail());
    return asApi(this);
  }
  removeEditors(emailAddresses: Array<string | GoogleAppsScript.Base.User>): Protection {
    for (const e of emailAddresses) this.removeEditor(e);
    return asApi(this);
  }
  setDescription(description: string): Protection {
    this.description = String(description);
    this.recorder.record('protection description', this.description);
    return asApi(this);
  }
  setDomainEdit(editable: boolean): Protection {
    this.domainEdit = editable;
    return asApi(this);
  }
  setWarningOnly(warningOnly: boolean): Protection {
    this.warningOnly = warningOnly;
    return asApi(this);
  }
}
