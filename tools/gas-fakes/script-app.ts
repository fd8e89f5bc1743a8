/**
 * ScriptApp: OAuth tokens per effective user (a trigger's creator inside a trigger), the installable triggers of the
 * current user, and what that user has authorised (granular consent, re-authorisation after a scope change).
 */

import { GasError } from './errors';
import { asApi, enumValue, type FakeSpec, gasEnum } from './fake';
import { AUTHORIZATION_REQUIRED, type Runtime, SCOPES } from './runtime';
import type { FakeSpreadsheet } from './spreadsheet/spreadsheet';
import { FakeTrigger, FakeTriggerBuilder, type TriggerRegistry } from './triggers';

type ScriptApp = GoogleAppsScript.Script.ScriptApp;

export const AuthMode = gasEnum<typeof GoogleAppsScript.Script.AuthMode>([
  'NONE',
  'CUSTOM_FUNCTION',
  'LIMITED',
  'FULL',
]);
export const EventType = gasEnum<typeof GoogleAppsScript.Script.EventType>([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
]);
export const TriggerSource = gasEnum<typeof GoogleAppsScript.Script.TriggerSource>([
  'SPREADSHEETS',
  'CLOCK',
  'FORMS',
  'DOCUMENTS',
  'CALENDAR',
]);
export const AuthorizationStatus = gasEnum<typeof GoogleAppsScript.Script.AuthorizationStatus>([
  'REQUIRED',
  'NOT_REQUIRED',
]);
export const InstallationSource = gasEnum<typeof GoogleAppsScript.Script.InstallationSource>([
  'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  'NONE',
  'WEB_STORE_ADD_ON',
]);

const APP_API = [
  'deleteTrigger',
  'getAuthorizationInfo',
  'getInstallationSource',
  'getOAuthToken',
  'getProjectTriggers',
  'getScriptId',
  'getUserTriggers',
  'newTrigger',
  'requireScopes',
] as const satisfies readonly (keyof ScriptApp)[];
const APP_PROPS = [
  'AuthMode',
  'AuthorizationStatus',
  'EventType',
  'InstallationSource',
  'TriggerSource',
] as const satisfies readonly (keyof ScriptApp)[];

export class FakeScriptApp implements Pick<ScriptApp, (typeof APP_API)[number] | (typeof APP_PROPS)[number]> {
  static readonly gas: FakeSpec = { kind: 'ScriptApp', methods: APP_API, props: APP_PROPS };
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly InstallationSource = InstallationSource;

  constructor(
    private readonly runtime: Runtime,
    private readonly registry: TriggerRegistry,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly scriptId: string,
  ) {}

  /** The effective user's token: the creator's inside an installable trigger, whoever edited. */
  getOAuthToken(): string {
    this.runtime.authorize('ScriptApp.getOAuthToken', 'FULL', []);
    return this.runtime.current().effectiveUser.token;
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.runtime.authorize('ScriptApp.newTrigger', 'FULL', [SCOPES.scriptApp]);
    if (typeof functionName !== 'string' || functionName === '') throw new GasError('Invalid argument: functionName');
    return asApi(new FakeTriggerBuilder(this.registry, this.spreadsheet, functionName));
  }
  /** Only the current user's triggers: other users' triggers are invisible to a script. */
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    this.runtime.authorize('ScriptApp.getProjectTriggers', 'FULL', [SCOPES.scriptApp]);
    return this.registry
      .forUser(this.runtime.current().effectiveUser.email)
      .map((r) => asApi<GoogleAppsScript.Script.Trigger>(new FakeTrigger(r)));
  }
  /** Documented as the triggers "in" that spreadsheet; strict hideClockTriggersFromUserTriggers leaves clock ones out. */
  getUserTriggers(document: unknown): GoogleAppsScript.Script.Trigger[] {
    this.runtime.authorize('ScriptApp.getUserTriggers', 'FULL', [SCOPES.scriptApp]);
    const id = (document as Partial<FakeSpreadsheet> | null)?.id;
    const hideClock = this.runtime.strict.hideClockTriggersFromUserTriggers === true;
    return this.registry
      .forUser(this.runtime.current().effectiveUser.email)
      .filter((r) => r.documentId === id && !(hideClock && r.eventType === 'CLOCK'))
      .map((r) => asApi<GoogleAppsScript.Script.Trigger>(new FakeTrigger(r)));
  }
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    this.runtime.authorize('ScriptApp.deleteTrigger', 'FULL', [SCOPES.scriptApp]);
    if (!(trigger instanceof FakeTrigger)) throw new GasError('Invalid argument: trigger');
    const me = this.runtime.current().effectiveUser.email;
    if (trigger.record.creator !== me) throw new GasError('You do not have permission to delete this trigger.');
    trigger.record.deleted = true;
  }
  getScriptId(): string {
    return this.scriptId;
  }
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    return enumValue('NONE');
  }
  /**
   * REQUIRED while the effective user has not granted every scope asked about (all the script's scopes when none are
   * named), or must authorise again after a new version added scopes.
   */
  getAuthorizationInfo(
    _authMode: GoogleAppsScript.Script.AuthMode,
    oAuthScopes?: string[],
  ): GoogleAppsScript.Script.AuthorizationInfo {
    return asApi(new FakeAuthorizationInfo(this.authorizationRequired(oAuthScopes), this.scriptId));
  }
  /** Ends the call with Apps Script's authorisation error when the effective user has not granted one of the scopes. */
  requireScopes(_authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void {
    if (!Array.isArray(oAuthScopes)) throw new GasError('Invalid argument: oAuthScopes');
    if (this.authorizationRequired(oAuthScopes)) throw new GasError(AUTHORIZATION_REQUIRED);
  }

  private authorizationRequired(scopes: readonly string[] | undefined): boolean {
    const email = this.runtime.current().effectiveUser.email;
    const grants = this.runtime.grants;
    if (scopes === undefined)
      return grants.needsReauthorization(email) || grants.missing(email, grants.declared()).length > 0;
    return grants.missing(email, scopes).length > 0;
  }
}

const INFO_API = [
  'getAuthorizationStatus',
  'getAuthorizationUrl',
] as const satisfies readonly (keyof GoogleAppsScript.Script.AuthorizationInfo)[];

class FakeAuthorizationInfo implements Pick<GoogleAppsScript.Script.AuthorizationInfo, (typeof INFO_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'AuthorizationInfo', methods: INFO_API };
  constructor(
    private readonly required: boolean,
    private readonly scriptId: string,
  ) {}
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return enumValue(this.required ? 'REQUIRED' : 'NOT_REQUIRED');
  }
  /** Documented as null when no authorisation is needed. */
  getAuthorizationUrl(): string {
    return (this.required ? `https://script.google.com/macros/d/${this.scriptId}/authorize` : null) as string;
  }
}
