/**
 * The shared state of one simulated Apps Script project: who is running what (executions), call counters, the clock,
 * the hard stop, authorization checks and the log of everything stored. Every fake holds a reference to it.
 */

import type { Clock } from './clock';
import { GasError, HardStopError } from './errors';
import { ScopeGrants } from './grants';
import { Recorder } from './recorder';
import { outsideDomain, type StrictOptions } from './strict';

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';
const AUTH_RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 2, FULL: 3 };

export const SCOPES = {
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  sheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  email: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

export interface SimUser {
  readonly email: string;
  readonly token: string;
  /** Session.getActiveUser() is '' when this user runs something under another account (other domain, consumer). */
  hideEmail: boolean;
  /** What Session.getActiveUserLocale() returns while this user is at the keyboard ('en', 'zh_TW', …). */
  locale: string;
}

export type ExecutionKind = 'ambient' | 'direct' | 'simple-trigger' | 'installable-trigger' | 'time-trigger';

/** The add-on's own script project. */
export const ADDON_PROJECT = 'addon';

export interface Execution {
  readonly id: number;
  readonly kind: ExecutionKind;
  readonly effectiveUser: SimUser;
  /** The person at the keyboard; null when there is none (time-driven triggers). */
  readonly activeUser: SimUser | null;
  readonly activeEmailHidden: boolean;
  authMode: AuthModeName;
  readonly startedAt: number;
  /** Clock time at which the execution is stopped (Apps Script's 6-minute limit); Infinity for ambient code. */
  readonly deadline: number;
  readonly triggerUid: string | null;
  calls: number;
  stopped: HardStopError | null;
  /** The vm context the execution's code runs in, set by the bundle runner (HTML templates evaluate there). */
  vmContext: object | null;
  /**
   * The script project the code belongs to: the add-on's ('addon'), or a co-editor's own bound script. PROJECT
   * metadata and the property stores are per project, so another project's script can neither see nor write them.
   */
  readonly project: string;
}

export interface ExecutionSpec {
  kind: ExecutionKind;
  effectiveUser: string;
  activeUser: string | null;
  authMode: AuthModeName;
  triggerUid?: string | null;
  /** Overrides the user's hideEmail setting for this execution. */
  hideActiveEmail?: boolean;
  /** Another script project (a co-editor's bound script); default the add-on's. */
  project?: string;
}

export interface ExecutionRecord {
  id: number;
  kind: ExecutionKind;
  effectiveUser: string;
  activeUser: string | null;
  authMode: AuthModeName;
  triggerUid: string | null;
  calls: number;
  startedAt: number;
  endedAt: number;
  hardStopped: boolean;
  error: string | null;
}

export interface HardStopOptions {
  /** Let N more service calls through, then stop at the next one. */
  afterCalls?: number;
  /** Stop at the first service call or sleep that reaches this clock time. */
  atTime?: number | Date;
  /** Same as atTime, relative to the clock's now. */
  afterMs?: number;
  /**
   * 'before' (default): the stopping call never happens. 'after': it takes effect (a request reaches the server), then
   * the execution dies before seeing the result: the worst real case, a mutation whose response was never read.
   */
  when?: 'before' | 'after';
}

interface ArmedStop {
  afterCalls: number | undefined;
  atTime: number | undefined;
  when: 'before' | 'after';
  seen: number;
}

export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
}

export interface LogEntry {
  level: 'Logger' | 'log' | 'info' | 'warn' | 'error';
  message: string;
  time: number;
  user: string;
  execution: number;
}

/** Runs a top-level function of the loaded bundle inside the current execution (set by loadBundle). */
export interface BundleRunner {
  invoke(name: string, makeArgs: (exportValue: (v: unknown) => unknown) => unknown[]): unknown;
  has(name: string): boolean;
}

export interface RuntimeOptions {
  clock: Clock;
  users: readonly SimUser[];
  activeUser: string;
  executionLimitMs: number;
  manifest: Manifest | null;
  timeZone: string;
  callCostMs: ((call: string) => number) | undefined;
  strict?: StrictOptions;
}

/** Apps Script's words when a person has not granted what a call needs (trigger after a scope change, partial consent). */
export const AUTHORIZATION_REQUIRED = 'Authorization is required to perform that action.';

export class Runtime {
  readonly calls: Record<string, number> = {};
  readonly recorder = new Recorder();
  readonly logs: LogEntry[] = [];
  readonly history: ExecutionRecord[] = [];
  readonly clock: Clock;
  readonly timeZone: string;
  readonly manifest: Manifest | null;
  readonly executionLimitMs: number;
  readonly strict: StrictOptions;
  readonly grants: ScopeGrants;
  bundle: BundleRunner | null = null;
  private readonly users = new Map<string, SimUser>();
  private readonly stack: Execution[] = [];
  private base: Execution;
  private armed: ArmedStop | null = null;
  private nextId = 1;
  private readonly endListeners: Array<(ex: Execution) => void> = [];
  private readonly pauseListeners: Array<(ex: Execution) => void> = [];
  private readonly callCostMs: ((call: string) => number) | undefined;

  constructor(options: RuntimeOptions) {
    this.clock = options.clock;
    this.timeZone = options.timeZone;
    this.manifest = options.manifest;
    this.executionLimitMs = options.executionLimitMs;
    this.callCostMs = options.callCostMs;
    this.strict = options.strict ?? {};
    this.grants = new ScopeGrants(() => this.manifest?.oauthScopes);
    for (const u of options.users) this.users.set(u.email, u);
    this.base = this.newExecution({
      kind: 'ambient',
      effectiveUser: options.activeUser,
      activeUser: options.activeUser,
      authMode: 'FULL',
    });
  }

  user(email: string): SimUser {
    const user = this.users.get(email);
    if (!user) throw new Error(`gas-fakes: unknown user ${email}; list every simulated user in options.users`);
    return user;
  }

  allUsers(): SimUser[] {
    return [...this.users.values()];
  }

  current(): Execution {
    return this.stack[this.stack.length - 1] ?? this.base;
  }

  /** Runs fn as a new execution; a hard stop is re-thrown at the end even if product code swallowed it. */
  run<T>(spec: ExecutionSpec, fn: (ex: Execution) => T): T {
    const ex = this.newExecution(spec);
    this.stack.push(ex);
    let error: unknown = null;
    try {
      const result = fn(ex);
      if (ex.stopped) throw ex.stopped;
      return result;
    } catch (e) {
      error = ex.stopped ?? e;
      throw error;
    } finally {
      this.stack.pop();
      for (const listener of this.endListeners) listener(ex);
      this.history.push({
        id: ex.id,
        kind: ex.kind,
        effectiveUser: ex.effectiveUser.email,
        activeUser: ex.activeUser?.email ?? null,
        authMode: ex.authMode,
        triggerUid: ex.triggerUid,
        calls: ex.calls,
        startedAt: ex.startedAt,
        endedAt: this.clock.now(),
        hardStopped: ex.stopped !== null,
        error: error === null ? null : error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Runs fn with the auth mode temporarily changed (top-level code of a bundle runs in onOpen's mode). */
  withAuthMode<T>(mode: AuthModeName, fn: () => T): T {
    const ex = this.current();
    const saved = ex.authMode;
    ex.authMode = mode;
    try {
      return fn();
    } finally {
      ex.authMode = saved;
    }
  }

  onExecutionEnd(listener: (ex: Execution) => void): void {
    this.endListeners.push(listener);
  }

  /** Dialogs (Ui.alert/prompt) pause the script; Apps Script releases its locks meanwhile. */
  onPause(listener: (ex: Execution) => void): void {
    this.pauseListeners.push(listener);
  }

  pause(): void {
    const ex = this.current();
    for (const listener of this.pauseListeners) listener(ex);
  }

  /**
   * Called by the boundary before every service call: counts it and enforces the hard stop and the time limit.
   * Returns a reason when the call must go ahead and the execution stop right after it ('after' hard stops).
   */
  enter(call: string): string | null {
    this.calls[call] = (this.calls[call] ?? 0) + 1;
    const ex = this.current();
    if (ex.stopped) throw ex.stopped;
    ex.calls++;
    const cost = this.callCostMs?.(call) ?? 0;
    if (cost > 0) this.clock.sleep(cost);
    const armed = this.armed;
    if (armed) {
      armed.seen++;
      const byCalls = armed.afterCalls !== undefined && armed.seen > armed.afterCalls;
      const byTime = armed.atTime !== undefined && this.clock.now() >= armed.atTime;
      if (byCalls || byTime) {
        this.armed = null;
        const reason = byCalls ? `armed after ${armed.afterCalls} service calls` : 'armed at a clock time';
        if (armed.when === 'after') return reason;
        throw this.kill(ex, reason, call);
      }
    }
    if (this.clock.now() >= ex.deadline) throw this.kill(ex, 'execution time limit', call);
    return null;
  }

  kill(ex: Execution, reason: string, call: string): HardStopError {
    const error = new HardStopError(reason, call);
    ex.stopped = error;
    return error;
  }

  armHardStop(options: HardStopOptions | null): void {
    // Code the test runs directly (outside bundle calls) gets a fresh, live ambient execution.
    if (this.base.stopped) this.base = this.newExecution(this.specOf(this.base));
    if (options === null) {
      this.armed = null;
      return;
    }
    const atTime =
      options.atTime !== undefined
        ? new Date(options.atTime).getTime()
        : options.afterMs !== undefined
          ? this.clock.now() + options.afterMs
          : undefined;
    if (options.afterCalls === undefined && atTime === undefined) {
      throw new Error('gas-fakes: hardStop needs afterCalls, atTime or afterMs');
    }
    this.armed = { afterCalls: options.afterCalls, atTime, when: options.when ?? 'before', seen: 0 };
  }

  /** Sleeps on the clock; a sleep that crosses the time limit or an armed stop time ends the execution there. */
  sleep(ms: number, call: string): void {
    const ex = this.current();
    if (ex.stopped) throw ex.stopped;
    const now = this.clock.now();
    const armedAt = this.armed?.atTime;
    const limit = armedAt !== undefined && armedAt < ex.deadline ? armedAt : ex.deadline;
    if (now + ms >= limit) {
      this.clock.sleep(Math.max(0, limit - now));
      const byArmed = armedAt !== undefined && limit === armedAt;
      if (byArmed) this.armed = null;
      throw this.kill(ex, byArmed ? 'armed at a clock time' : 'execution time limit', call);
    }
    this.clock.sleep(ms);
  }

  /** Throws Apps Script's permission errors for the execution's auth mode and the manifest's declared scopes. */
  authorize(method: string, minimum: AuthModeName, anyOfScopes: readonly string[]): void {
    const ex = this.current();
    const scope = anyOfScopes[0] ?? '';
    if (AUTH_RANK[ex.authMode] < AUTH_RANK[minimum]) {
      throw new GasError(`You do not have permission to call ${method}. Required permissions: ${scope}`);
    }
    const declared = this.manifest?.oauthScopes ? this.grants.declared() : undefined;
    if (declared && anyOfScopes.length > 0 && !anyOfScopes.some((s) => declared.includes(s))) {
      throw new GasError(`Specified permissions are not sufficient to call ${method}. Required permissions: ${scope}`);
    }
    // Granular consent: the script declares the scope, but this person has not granted it.
    if (ex.project === ADDON_PROJECT && !this.grants.grantsAny(ex.effectiveUser.email, anyOfScopes)) {
      throw new GasError(AUTHORIZATION_REQUIRED);
    }
  }

  /** Strict noDocumentInTimeTriggers: a clock trigger runs with no active document (SpreadsheetApp.getActive() null). */
  withoutDocument(): boolean {
    return this.strict.noDocumentInTimeTriggers === true && this.current().kind === 'time-trigger';
  }

  /**
   * Whether Apps Script hides `active`'s email from code running as `effective`: a user marked hideEmail under someone
   * else's authority, or (strict ownerDomain) anyone outside the owner's domain.
   */
  hidesEmail(active: SimUser, effective: SimUser): boolean {
    return (active !== effective && active.hideEmail) || outsideDomain(active.email, this.strict.ownerDomain);
  }

  log(level: LogEntry['level'], message: string): void {
    const ex = this.current();
    this.logs.push({ level, message, time: this.clock.now(), user: ex.effectiveUser.email, execution: ex.id });
    this.recorder.record(`log ${level}`, message);
  }

  private newExecution(spec: ExecutionSpec): Execution {
    const effectiveUser = this.user(spec.effectiveUser);
    const activeUser = spec.activeUser === null ? null : this.user(spec.activeUser);
    const now = this.clock.now();
    const hidden = spec.hideActiveEmail ?? (activeUser !== null && this.hidesEmail(activeUser, effectiveUser));
    return {
      id: this.nextId++,
      kind: spec.kind,
      effectiveUser,
      activeUser,
      activeEmailHidden: hidden,
      authMode: spec.authMode,
      startedAt: now,
      deadline: spec.kind === 'ambient' ? Number.POSITIVE_INFINITY : now + this.executionLimitMs,
      triggerUid: spec.triggerUid ?? null,
      calls: 0,
      stopped: null,
      vmContext: null,
      project: spec.project ?? ADDON_PROJECT,
    };
  }

  private specOf(ex: Execution): ExecutionSpec {
    return {
      kind: ex.kind,
      effectiveUser: ex.effectiveUser.email,
      activeUser: ex.activeUser?.email ?? null,
      authMode: ex.authMode,
      project: ex.project,
    };
  }
}
