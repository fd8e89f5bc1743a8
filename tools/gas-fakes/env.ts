/**
 * createGasEnvironment: one simulated Apps Script project bound to one spreadsheet, with its users, clock, Chat API
 * emulator address, and the controls tests use (sim). Product code gets the `globals`; tests inspect through `sim`,
 * `spreadsheet` (an uncounted view), `calls`, `logs` and `recorded()`.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { Boundary } from './boundary';
import { CacheStores, FakeCacheService } from './cache';
import { type Clock, RealClock, VirtualClock } from './clock';
import { FakeHtmlService } from './html';
import { FakeLockService, type LockKind, LockTable } from './lock';
import { FakeConsole, FakeLogger } from './logger';
import { FakePropertiesService, PropertyStores } from './properties';
import { HOST_REALM, installRealm } from './realm';
import type { RecordedText } from './recorder';
import {
  type AuthModeName,
  type Execution,
  type ExecutionRecord,
  type HardStopOptions,
  type LogEntry,
  type Manifest,
  Runtime,
  type SimUser,
} from './runtime';
import { FakeScriptApp } from './script-app';
import { FakeSession } from './session';
import { FakeSpreadsheetApp } from './spreadsheet/app';
import { FakeSpreadsheet, type SpreadsheetSeed } from './spreadsheet/spreadsheet';
import { FakeUi, UiLog } from './spreadsheet/ui';
import type { StrictOptions } from './strict';
import { DEFAULT_TIMEOUT_MS, SyncHttpClient } from './sync-http';
import { type TriggerRecord, TriggerRegistry, type TriggerRun } from './triggers';
import { FakeUrlFetchApp, type HttpLogEntry } from './url-fetch';
import { SheetUsers, type UserEditOptions, type UserEditResult } from './user-sim';
import { FakeUtilities } from './utilities';

export interface GasUserConfig {
  email: string;
  /** What ScriptApp.getOAuthToken() returns while this user is the effective user (e.g. 'tok-alice'). */
  token?: string;
  /** Session.getActiveUser() / e.user read '' when this user triggers code running as someone else. */
  hideEmail?: boolean;
  /** Session.getActiveUserLocale() for this user (default 'en'). */
  locale?: string;
}

export interface GasEnvironmentOptions {
  spreadsheet?: SpreadsheetSeed;
  users: readonly GasUserConfig[];
  /** Who is at the keyboard by default (menu clicks, sidebar calls, direct use of globals). */
  activeUser: string;
  /** The built dist/ folder: HTML files and appsscript.json (its oauthScopes and urlFetchWhitelist are enforced). */
  dist: string;
  /** Where https://chat.googleapis.com/ goes: the emulator's http://127.0.0.1:PORT. */
  chatBaseUrl: string;
  /** More origins to map, e.g. { 'https://oauth2.googleapis.com': 'http://127.0.0.1:PORT' }. */
  urlRewrites?: Record<string, string>;
  /** 'virtual' (default: sleeps are instant), 'real', or a Clock. */
  clock?: Clock | 'virtual' | 'real';
  /** Script time zone; defaults to the manifest's, then Etc/UTC. */
  timeZone?: string;
  /** Apps Script's 6 minutes by default; executions are stopped when the clock passes it. */
  executionLimitMs?: number;
  /** Per-request cap of the HTTP client (Apps Script gives up on slow requests; no option to change it). */
  fetchTimeoutMs?: number;
  /** Overrides dist/appsscript.json; null: no manifest checks. */
  manifest?: Manifest | null;
  /** Clock time each service call costs (virtual time only moves when told): e.g. 300 ms per UrlFetchApp call. */
  callCostMs?: (call: string) => number;
  /** A one-off clock trigger that ran stays listed (and counts toward limits) until deleted; default true. */
  firedOneOffTriggersRemain?: boolean;
  scriptId?: string;
  /** Behaviours as harsh as Google documents them (strict.ts); `STRICT` turns them all on. Default: none. */
  strict?: StrictOptions;
}

/** The services product code sees as globals. */
export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  Session: GoogleAppsScript.Base.Session;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Console;
  MimeType: Record<string, string>;
}

export interface Sim {
  /** Runs fn as this user (active and effective): what a menu click or a sidebar call by them does. */
  as<T>(email: string, fn: () => T, options?: { authMode?: AuthModeName }): T;
  /**
   * Runs fn as `email`'s own bound script: another script project, so it sees only DOCUMENT metadata and its own
   * PROJECT metadata and properties, never the add-on's. Its writes fire no edit trigger (scripts never do).
   */
  asScript<T>(email: string, fn: () => T): T;
  /** Whether Sheet.copyTo carries developer metadata (undocumented: test both). */
  setSheetCopiesKeepMetadata(keep: boolean): void;
  /** A person typing (single cell) or pasting (several cells) into the grid; fires edit triggers. */
  userEdit(
    email: string,
    sheet: string | object,
    a1: string,
    values: unknown,
    options?: UserEditOptions,
  ): UserEditResult;
  /** Runs the clock triggers that are due, each as its creator; `advance` first moves a virtual clock to the next due one. */
  fireTimeTriggers(options?: { advance?: boolean }): TriggerRun[];
  /**
   * A new version of the script asks for more scopes. With strict scopeChangeNeedsReauthorization, every user's
   * existing triggers are skipped (recorded with `skipped`) until that user calls sim.authorize.
   */
  addScopes(scopes: readonly string[]): void;
  /** The person authorises the script (again): every scope it declares is granted, their triggers run again. */
  authorize(email: string): void;
  /** Granular consent: the person granted only these scopes; calls needing others throw the authorisation error. */
  grantOnly(email: string, scopes: readonly string[]): void;
  /** How many triggers this user has in other spreadsheets using the add-on (they count toward the 20 per user). */
  setOtherDocumentTriggers(email: string, count: number): void;
  /** Installable triggers of all users (deleted ones excluded). */
  triggers(): TriggerRecord[];
  readonly triggerRuns: TriggerRun[];
  readonly ui: UiLog;
  readonly http: HttpLogEntry[];
  readonly properties: PropertyStores;
  readonly caches: CacheStores;
  evictCaches(): void;
  /** Another execution holds a lock (user lock: of `user`, default the active user), optionally until a clock time. */
  holdLock(kind: LockKind, options?: { user?: string; releaseAfterMs?: number }): { release(): void };
  /** Arms a hard stop (see HardStopOptions); null disarms. */
  hardStop(options: HardStopOptions | null): void;
  readonly executions: ExecutionRecord[];
  setUserEmailHidden(email: string, hidden: boolean): void;
  /** What Session.getActiveUserLocale() returns for this user from now on. */
  setUserLocale(email: string, locale: string): void;
  /** Moves a virtual clock forward. */
  advance(ms: number): void;
  resetCalls(): void;
  /** Sum of the call counters whose name starts with prefix ('' for all, 'Range.' for ranges). */
  totalCalls(prefix?: string): number;
  current(): Execution;
}

export interface GasEnvironment {
  globals: GasGlobals;
  sim: Sim;
  calls: Record<string, number>;
  logs: LogEntry[];
  /** Uncounted inspection view of the bound spreadsheet (host-realm values). */
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock: Clock;
  runtime: Runtime;
  /** Every string the fakes stored or printed, in order (scan for leaked tokens). */
  recorded(): string[];
  recordedEntries(): RecordedText[];
  /** A fresh vm context whose globals are counted fakes and whose Date follows the clock. */
  createContext(): { context: vm.Context; boundary: Boundary };
  /** Starts the HTTP worker with a GET of `url` (uncounted, unlogged), before a measurement: see SyncHttpClient.warm. */
  warmHttp(url: string): void;
  /** Stops the HTTP worker. */
  dispose(): void;
}

const GOOGLE_CHAT = 'https://chat.googleapis.com';

export function createGasEnvironment(options: GasEnvironmentOptions): GasEnvironment {
  if (options.users.length === 0) throw new Error('gas-fakes: at least one user is needed');
  const clock =
    options.clock === 'real'
      ? new RealClock()
      : options.clock === 'virtual' || !options.clock
        ? new VirtualClock()
        : options.clock;
  const manifest = options.manifest === undefined ? readManifest(options.dist) : options.manifest;
  const users: SimUser[] = options.users.map((u) => ({
    email: u.email,
    token: u.token ?? `gas-fakes-token-for-${u.email}`,
    hideEmail: u.hideEmail ?? false,
    locale: u.locale ?? 'en',
  }));
  const runtime = new Runtime({
    clock,
    users,
    activeUser: options.activeUser,
    executionLimitMs: options.executionLimitMs ?? 360_000,
    manifest,
    timeZone: options.timeZone ?? manifest?.timeZone ?? 'Etc/UTC',
    callCostMs: options.callCostMs,
    ...(options.strict === undefined ? {} : { strict: options.strict }),
  });
  const rewrites = localRewrites({ [GOOGLE_CHAT]: options.chatBaseUrl, ...options.urlRewrites });

  const uiLog = new UiLog();
  const spreadsheet = new FakeSpreadsheet(runtime, uiLog, options.spreadsheet);
  const registry = new TriggerRegistry(runtime, spreadsheet, options.firedOneOffTriggersRemain ?? true);
  const properties = new PropertyStores();
  const caches = new CacheStores(clock);
  const locks = new LockTable(runtime, spreadsheet);
  const http = new SyncHttpClient(options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS);
  const urlFetch = new FakeUrlFetchApp(runtime, {
    rewrites,
    allowlist: manifest?.urlFetchWhitelist ?? null,
    client: http,
  });
  const users$ = new SheetUsers(runtime, spreadsheet, registry);

  const services = fakeServices(
    { runtime, spreadsheet, uiLog, registry, properties, caches, locks, urlFetch },
    options,
  );

  const globalsFor = (boundary: Boundary): GasGlobals => {
    const out: Record<string, unknown> = {};
    for (const [name, fake] of Object.entries(services)) out[name] = boundary.wrap(fake);
    out.MimeType = boundary.exportValue(MIME_TYPES);
    return out as unknown as GasGlobals;
  };

  const sim = createSim({ runtime, spreadsheet, registry, uiLog, urlFetch, properties, caches, locks, users$ });

  return {
    globals: globalsFor(new Boundary(runtime, HOST_REALM)),
    sim,
    calls: runtime.calls,
    logs: runtime.logs,
    spreadsheet: new Boundary(null).wrap(spreadsheet) as GoogleAppsScript.Spreadsheet.Spreadsheet,
    clock,
    runtime,
    recorded: () => runtime.recorder.texts(),
    recordedEntries: () => [...runtime.recorder.entries],
    createContext: () => {
      const context = vm.createContext({});
      const boundary = new Boundary(
        runtime,
        installRealm(context, () => clock.now()),
      );
      Object.assign(context, globalsFor(boundary));
      return { context, boundary };
    },
    warmHttp: (url) => http.warm(url),
    dispose: () => http.close(),
  };
}

interface EnvironmentParts {
  runtime: Runtime;
  spreadsheet: FakeSpreadsheet;
  uiLog: UiLog;
  registry: TriggerRegistry;
  properties: PropertyStores;
  caches: CacheStores;
  locks: LockTable;
  urlFetch: FakeUrlFetchApp;
  users$: SheetUsers;
}

/** The Apps Script services a script sees as globals, all sharing one runtime. */
function fakeServices(parts: Omit<EnvironmentParts, 'users$'>, options: GasEnvironmentOptions): Record<string, object> {
  const { runtime, spreadsheet, uiLog, registry, properties, caches, locks, urlFetch } = parts;
  return {
    SpreadsheetApp: new FakeSpreadsheetApp(runtime, spreadsheet, new FakeUi(runtime, uiLog)),
    ScriptApp: new FakeScriptApp(runtime, registry, spreadsheet, options.scriptId ?? '1FakeScriptId'),
    UrlFetchApp: urlFetch,
    PropertiesService: new FakePropertiesService(runtime, properties),
    CacheService: new FakeCacheService(runtime, caches),
    LockService: new FakeLockService(runtime, locks),
    Session: new FakeSession(runtime),
    HtmlService: new FakeHtmlService(runtime, options.dist),
    Utilities: new FakeUtilities(runtime),
    Logger: new FakeLogger(runtime),
    console: new FakeConsole(runtime),
  };
}

/** What a test does to the world around the script: people editing, time passing, other executions, quotas. */
function createSim(parts: EnvironmentParts): Sim {
  const { runtime, spreadsheet, registry, uiLog, urlFetch, properties, caches, locks, users$ } = parts;
  const clock = runtime.clock;
  const advance = (ms: number): void => {
    if (!(clock instanceof VirtualClock)) throw new Error('gas-fakes: only a virtual clock can be advanced');
    clock.advance(ms);
  };
  return {
    as: (email, fn, opts) =>
      runtime.run({ kind: 'ambient', effectiveUser: email, activeUser: email, authMode: opts?.authMode ?? 'FULL' }, fn),
    asScript: (email, fn) =>
      runtime.run(
        { kind: 'direct', effectiveUser: email, activeUser: email, authMode: 'FULL', project: `script:${email}` },
        fn,
      ),
    setSheetCopiesKeepMetadata: (keep) => {
      spreadsheet.sheetCopiesKeepMetadata = keep;
    },
    userEdit: (email, sheet, a1, values, opts) => users$.edit(email, sheet, a1, values, opts),
    ...consentControls(runtime, registry),
    fireTimeTriggers: (opts) => {
      if (opts?.advance) {
        const next = registry.nextDue();
        if (next !== null && next > clock.now()) advance(next - clock.now());
      }
      return registry.fireDue();
    },
    triggers: () => registry.live(),
    triggerRuns: registry.runs,
    ui: uiLog,
    http: urlFetch.log,
    properties,
    caches,
    evictCaches: () => caches.evictAll(),
    holdLock: (kind, opts) =>
      locks.holdAsOther(kind, opts?.user ?? runtime.current().effectiveUser.email, opts?.releaseAfterMs ?? null),
    hardStop: (opts) => runtime.armHardStop(opts),
    executions: runtime.history,
    setUserEmailHidden: (email, hidden) => {
      runtime.user(email).hideEmail = hidden;
    },
    setUserLocale: (email, locale) => {
      runtime.user(email).locale = locale;
    },
    advance: (ms) => advance(ms),
    resetCalls: () => {
      for (const key of Object.keys(runtime.calls)) delete runtime.calls[key];
    },
    totalCalls: (prefix = '') =>
      Object.entries(runtime.calls)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((n, [, v]) => n + v, 0),
    current: () => runtime.current(),
  };
}

/** The sim controls for what people have authorised and how many triggers they hold elsewhere. */
function consentControls(
  runtime: Runtime,
  registry: TriggerRegistry,
): Pick<Sim, 'addScopes' | 'authorize' | 'grantOnly' | 'setOtherDocumentTriggers'> {
  const known = (email: string) => runtime.user(email).email;
  return {
    addScopes: (scopes) =>
      runtime.grants.addScopes(
        scopes,
        runtime.strict.scopeChangeNeedsReauthorization === true,
        runtime.allUsers().map((u) => u.email),
      ),
    authorize: (email) => runtime.grants.authorize(known(email)),
    grantOnly: (email, scopes) => runtime.grants.grantOnly(known(email), scopes),
    setOtherDocumentTriggers: (email, count) => {
      if (!Number.isInteger(count) || count < 0) throw new Error('gas-fakes: a trigger count is a whole number >= 0');
      registry.elsewhere.set(known(email), count);
    },
  };
}

const MIME_TYPES = {
  CSV: 'text/csv',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  PLAIN_TEXT: 'text/plain',
  PDF: 'application/pdf',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
};

function readManifest(dist: string): Manifest | null {
  const path = join(dist, 'appsscript.json');
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Rewrite targets must be local servers on 127.0.0.1: the fakes never send a request anywhere else. */
function localRewrites(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(map)) {
    const target = new URL(to);
    if (target.hostname !== '127.0.0.1')
      throw new Error(`gas-fakes: ${from} must map to http://127.0.0.1:PORT, not ${to}`);
    out[new URL(from).origin] = `${target.origin}${target.pathname.replace(/\/+$/, '')}`;
  }
  return out;
}
