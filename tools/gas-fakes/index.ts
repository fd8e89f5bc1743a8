/**
 * Apps Script runtime fakes for testing the built add-on (dist/Code.js) in Node. See README.md.
 */

export { importValue, unwrapFake } from './boundary';
export { type LoadBundleOptions, type LoadedBundle, loadBundle } from './bundle';
export { type Clock, RealClock, ScaledClock, VIRTUAL_EPOCH, VirtualClock } from './clock';
export {
  createGasEnvironment,
  type GasEnvironment,
  type GasEnvironmentOptions,
  type GasGlobals,
  type GasUserConfig,
  type Sim,
} from './env';
export { GasError, HardStopError, NotImplementedError } from './errors';
export { PROPERTY_STORE_LIMIT, PROPERTY_VALUE_LIMIT } from './properties';
export type { RecordedText } from './recorder';
export type { AuthModeName, Execution, ExecutionRecord, HardStopOptions, LogEntry, Manifest } from './runtime';
export { AUTHORIZATION_REQUIRED } from './runtime';
export type { SheetSeed, SpreadsheetSeed } from './spreadsheet/spreadsheet';
export type { DialogRecord, MenuRecord, ShownHtml, ToastRecord, UiLog } from './spreadsheet/ui';
export { type LateTriggerOptions, STRICT, type StrictOptions } from './strict';
export { DEFAULT_TIMEOUT_MS, type HttpRequest, type HttpResult, SyncHttpClient } from './sync-http';
export type { TriggerRecord, TriggerRun } from './triggers';
export type { HttpLogEntry } from './url-fetch';
export type { UserEditOptions, UserEditResult } from './user-sim';
