/**
 * The benchmark's scenarios, shared by `npm run bench` (tools/bench/bench.ts) and its guard test. Everything runs in
 * one process: the bundled add-on (dist/Code.js) and the naive baseline (baseline.gs.js) each in an Apps Script fakes
 * environment of their own, against one Chat API emulator in a worker thread, reset between runs. The emulator's
 * `timeScale` and the fakes' ScaledClock use the same factor, so quotas, latency, sleeps and the execution budget all
 * live on one compressed timeline; every duration reported is in emulated seconds.
 */

import { join } from 'node:path';
import { emulatorControl, type LoggedRequest } from '../emulator/control-client';
import { USER_SCOPES } from '../emulator/demo-seed';
import type { Seed, SeedMembership, SeedUser } from '../emulator/seed';
import { startEmulatorThread } from '../emulator/thread';
import {
  createGasEnvironment,
  type GasEnvironment,
  HardStopError,
  type LoadedBundle,
  loadBundle,
  ScaledClock,
  type SheetSeed,
  type StrictOptions,
} from '../gas-fakes';

export const ROOT = join(__dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const BASELINE_SCRIPT = join(__dirname, 'baseline.gs.js');

export const ALICE = 'alice@example.com';
const ALICE_ID = 'users/1001';
export const ALICE_TOKEN = 'tok-alice';
const FIRST_MEMBER_ID = 100_000;
const MEMBER_ROLE = 'ROLE_MEMBER';
const TARGET_ROLE = 'ROLE_ASSISTANT_MANAGER';
const TARGET_UI = 'Manager';
export const CONTINUE_HANDLER = 'continueBulkApply';

/** Apps Script's limit per execution (what the fakes enforce), and the documented Chat quotas the floor uses. */
export const EXECUTION_LIMIT_MS = 360_000;
const PROJECT_WRITES_PER_SECOND = 300 / 60;
const SPACE_WRITES_PER_SECOND = 1;
const SPACE_READS_PER_SECOND = 15;
const PROJECT_READS_PER_SECOND = 3000 / 60;
/** A run that needs continuations stops after this many executions (every loop is bounded). */
export const MAX_EXECUTIONS = 30;
/** The baseline when it is allowed to finish (scenarios 1 and 2): long enough for any of them, still bounded. */
const UNLIMITED_MS = 24 * 3_600_000;

/** Counters of SpreadsheetApp round trips (gas-fakes names calls `Kind.method`). */
const SHEET_CALL = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation|DeveloperMetadata)/;

// ---------------------------------------------------------------------------------------------------------------
// The emulator

/** What the bench reads from the request log. */
export type LogEntry = Pick<LoggedRequest, 'method' | 'path' | 'status' | 'time'>;

export interface Bench {
  url: string;
  scale: number;
  latencyMs: number;
  reset(seed: Seed): Promise<void>;
  state(): Promise<Seed>;
  requests(): Promise<LogEntry[]>;
  clearRequests(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the emulator thread with the documented quotas, `latencyMs` per call and the time scale. */
export async function startBench(options: { scale: number; latencyMs: number }): Promise<Bench> {
  const config = { timeScale: options.scale, latencyMs: options.latencyMs };
  const emulator = await startEmulatorThread({ seed: bulkSeed(1, 1), config });
  const control = emulatorControl(emulator.url);
  await control.config(config);
  return {
    url: emulator.url,
    scale: options.scale,
    latencyMs: options.latencyMs,
    reset: (seed) => control.reset(seed),
    state: () => control.state(),
    requests: () => control.requests(),
    clearRequests: () => control.clearRequests(),
    stop: () => emulator.stop(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Worlds

export const spaceName = (i: number) => `spaces/BENCH${String(i + 1).padStart(2, '0')}`;
const spaceTitle = (i: number) => `Bench space ${String(i + 1).padStart(2, '0')}`;
const memberId = (i: number) => String(FIRST_MEMBER_ID + i);
const memberEmail = (i: number) => `member${i + 1}@example.com`;

/** Alice (Owner of every space) and `membersPerSpace` Members in each of `spaceCount` named spaces. */
export function bulkSeed(spaceCount: number, membersPerSpace: number): Seed {
  const users: SeedUser[] = [{ name: ALICE_ID, displayName: 'Alice Ng', email: ALICE, type: 'HUMAN' }];
  for (let i = 0; i < membersPerSpace; i++) {
    users.push({
      name: `users/${memberId(i)}`,
      displayName: `Member ${String(i + 1).padStart(5, '0')}`,
      email: memberEmail(i),
      type: 'HUMAN',
    });
  }
  const memberships: SeedMembership[] = [
    { member: ALICE_ID, role: 'ROLE_MANAGER', state: 'JOINED' },
    ...users.slice(1).map((u) => ({ member: u.name, role: MEMBER_ROLE, state: 'JOINED' }) as const),
  ];
  return {
    principals: [{ token: ALICE_TOKEN, user: ALICE_ID, scopes: [...USER_SCOPES], admin: false }],
    users,
    spaces: Array.from({ length: spaceCount }, (_, s) => ({
      name: spaceName(s),
      displayName: spaceTitle(s),
      spaceType: 'SPACE' as const,
      createTime: '2025-01-01T09:00:00Z',
      memberships: memberships.map((m) => ({ ...m })),
    })),
  };
}

export interface Intent {
  space: string;
  key: string;
  email: string;
}

export function environment(
  bench: Bench,
  executionLimitMs: number,
  sheets?: SheetSeed[],
  strict?: StrictOptions,
): GasEnvironment {
  const env = createGasEnvironment({
    ...(strict ? { strict } : {}),
    users: [{ email: ALICE, token: ALICE_TOKEN }],
    activeUser: ALICE,
    dist: DIST,
    chatBaseUrl: bench.url,
    clock: new ScaledClock(bench.scale),
    executionLimitMs,
    ...(sheets ? { spreadsheet: { sheets } } : {}),
  });
  // The fake's HTTP thread starts before the clock is read: its start-up is not the add-on's time.
  env.warmHttp(`${bench.url}/_emulator/config`);
  return env;
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

export interface ServerMeasure {
  requests: number;
  http429: number;
  /** Intended changes not applied on the server at the end. */
  lost: number;
  /** Memberships that received more than one successful PATCH. */
  duplicates: number;
  /** Successful PATCHes. */
  applied: number;
}

export async function measureServer(
  bench: Bench,
  intents: readonly Intent[],
): Promise<ServerMeasure & { log: LogEntry[] }> {
  const [log, state] = await Promise.all([bench.requests(), bench.state()]);
  const roles = new Map<string, string | undefined>();
  for (const space of state.spaces) {
    for (const m of space.memberships) {
      if (m.member) roles.set(`${space.name}/members/${m.member.slice('users/'.length)}`, m.role);
    }
  }
  const okPatches = new Map<string, number>();
  for (const entry of log) {
    if (entry.method === 'PATCH' && entry.status === 200)
      okPatches.set(entry.path, (okPatches.get(entry.path) ?? 0) + 1);
  }
  return {
    log,
    requests: log.length,
    http429: log.filter((e) => e.status === 429).length,
    lost: intents.filter((i) => roles.get(i.key) !== TARGET_ROLE).length,
    duplicates: [...okPatches.values()].filter((n) => n > 1).length,
    applied: [...okPatches.values()].reduce((a, b) => a + b, 0),
  };
}

/** SpreadsheetApp round trips counted by the fakes since the last resetCalls. */
export function sheetCalls(env: GasEnvironment): number {
  return Object.entries(env.calls)
    .filter(([name]) => SHEET_CALL.test(name))
    .reduce((n, [, count]) => n + count, 0);
}

/** Emulated seconds spent waiting for Chat: per UrlFetchApp round trip (one fetch or one fetchAll batch), its slowest request. */
export function chatWaitSeconds(env: GasEnvironment, fromIndex: number, scale: number): number {
  const batches = new Map<number, number>();
  for (const entry of env.sim.http.slice(fromIndex)) {
    batches.set(entry.batch, Math.max(batches.get(entry.batch) ?? 0, entry.durationMs));
  }
  let realMs = 0;
  for (const ms of batches.values()) realMs += ms;
  return round((realMs * scale) / 1000, 1);
}

/**
 * Emulated milliseconds each Chat request took as the product saw it (p50, p95): 150 ms of emulated latency plus the
 * transport. Diagnostic: real-time jitter on a busy machine is multiplied by the time scale, and shows up here.
 */
export function chatLatency(env: GasEnvironment, fromIndex: number, scale: number): { p50: number; p95: number } {
  const sorted = env.sim.http
    .slice(fromIndex)
    .map((e) => e.durationMs * scale)
    .sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))] ?? 0);
  return { p50: at(0.5), p95: at(0.95) };
}

export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Quota floor for N membership writes: the project's 5/s, or the busiest space's 1/s, whichever is slower. */
export function writeFloorSeconds(changes: number, largestPerSpace: number): number {
  return Math.max(changes / PROJECT_WRITES_PER_SECOND, largestPerSpace / SPACE_WRITES_PER_SECOND);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

export interface ScenarioResult {
  name: string;
  changes: number;
  spaces: number;
  /** Emulated seconds from the menu click (or the sidebar call) to the end of the last execution. */
  seconds: number;
  quotaFloorSeconds: number;
  efficiency: number;
  /** Chat API calls (emulator log). */
  requests: number;
  http429: number;
  /** SpreadsheetApp round trips during the apply (or the load). */
  sheetCalls: number;
  lost: number;
  duplicates: number;
  /** Emulated seconds the baseline took to finish (null when it was stopped by the 6-minute limit, or has none). */
  baselineSeconds: number | null;
  speedupVsBaseline: number | null;
  /** Intended changes the baseline had applied when it ended (its only figure when it was stopped). */
  baselineCompleted: number | null;
  /** Apps Script executions the product needed (the menu click plus each continuation). */
  executions: number | null;
  /** Emulated seconds the product spent blocked in UrlFetchApp (diagnostic: the rest is pacing, sleeps and CPU). */
  chatWaitSeconds: number;
  /** Emulated ms per Chat request as the product saw it: median and 95th percentile (diagnostic, see chatLatency). */
  chatLatencyP50Ms: number;
  chatLatencyP95Ms: number;
  /** Executions ended by the fakes' hard stop (the 6-minute limit): the product should stop itself before. */
  hardStops: number;
  /** A run left in the document properties with no continuation trigger to pick it up. */
  orphanedRun: boolean;
  /** Changes (or members) in the product's report. */
  reportedApplied: number | null;
  baseline: BaselineResult | null;
  /** Largest size document properties reached during the scenario (bytes of keys and values; 500 kB is the limit). */
  propertiesPeakBytes?: number;
  /** Scenario-specific figures (list calls of a load, floors, …). */
  extra: Record<string, number | boolean | string | null>;
}

export interface BaselineResult {
  /** Emulated seconds until it returned or was stopped. */
  seconds: number;
  executionLimitSeconds: number | null;
  /** Stopped by the execution limit before it was done. */
  stopped: boolean;
  /** Intended changes applied on the server when it ended. */
  completed: number;
  /** Changes applied within the first 6 emulated minutes (from the emulator log's timestamps). */
  completedIn6Min: number;
  requests: number;
  http429: number;
  sheetCalls: number;
  lost: number;
  duplicates: number;
}

export interface BulkSpec {
  name: string;
  spaces: number;
  /** Changes per space (Member → Manager). */
  perSpace: number;
  /** Members per space besides Alice (at least perSpace). */
  membersPerSpace: number;
  /** 'complete': the baseline may run past 6 minutes so its finish time is known; 'limited': Apps Script's limit. */
  baseline: 'complete' | 'limited' | 'none';
  log?: (line: string) => void;
}

/** A bulk apply: load the member sheets, type the changes (live editing off), Apply pending role changes → YES. */
export async function runBulkScenario(bench: Bench, spec: BulkSpec): Promise<ScenarioResult> {
  const log = spec.log ?? (() => undefined);
  const seed = bulkSeed(spec.spaces, spec.membersPerSpace);
  const changes = spec.spaces * spec.perSpace;
  await bench.reset(seed);

  // Setup (not measured): the add-on loads every space into its sheet, then Alice types the new roles.
  const env = environment(bench, EXECUTION_LIMIT_MS);
  const bundle = loadBundle(join(DIST, 'Code.js'), env);
  bundle.simpleTrigger('onOpen');
  const intents: Intent[] = [];
  for (let s = 0; s < spec.spaces; s++) {
    const loaded = env.sim.as(ALICE, () => bundle.run('loadSpace', spaceName(s))) as { sheetName: string };
    const rows = sheetRows(env, loaded.sheetName);
    for (let i = 0; i < spec.perSpace; i++) {
      const row = rows.get(memberEmail(i));
      if (row === undefined) throw new Error(`${memberEmail(i)} is not in ${loaded.sheetName}`);
      env.sim.userEdit(ALICE, loaded.sheetName, `E${row}`, TARGET_UI);
      intents.push({ space: spaceName(s), key: `${spaceName(s)}/members/${memberId(i)}`, email: memberEmail(i) });
    }
  }
  const snapshot = snapshotSheets(env);
  log(`  ${spec.name}: ${changes} changes typed in ${spec.spaces} sheet(s); applying…`);

  // The measured part.
  const product = await applyWithContinuations(bench, env, bundle);
  const server = await measureServer(bench, intents);
  const propertiesPeakBytes = env.sim.properties.document.peakBytes;
  env.dispose();
  const floor = writeFloorSeconds(changes, spec.perSpace);
  log(`  ${spec.name}: product ${product.seconds.toFixed(1)} s in ${product.executions} execution(s)`);

  let baseline: BaselineResult | null = null;
  if (spec.baseline !== 'none') {
    baseline = await runBaseline(
      bench,
      seed,
      snapshot,
      intents,
      spec.baseline === 'complete' ? null : EXECUTION_LIMIT_MS,
    );
    log(
      `  ${spec.name}: baseline ${baseline.seconds.toFixed(1)} s${baseline.stopped ? ` (stopped, ${baseline.completed} done)` : ''}`,
    );
  }
  const baselineSeconds = baseline && !baseline.stopped ? baseline.seconds : null;
  return {
    ...applyFigures(spec, changes, floor, product, server),
    baselineSeconds: baselineSeconds === null ? null : round(baselineSeconds, 1),
    speedupVsBaseline: baselineSeconds === null ? null : round(baselineSeconds / product.seconds, 2),
    baselineCompleted: baseline ? baseline.completed : null,
    orphanedRun: product.orphanedRun,
    reportedApplied: product.reportedApplied,
    baseline,
    propertiesPeakBytes,
    extra: {
      continuationErrors: product.errors.length > 0 ? product.errors.join(' | ') : null,
      statusWrites: product.statusWrites ?? 0,
    },
  };
}

/** The figures every bulk-apply scenario reports the same way: timing against the floor, requests, sheet calls. */
export function applyFigures(
  spec: { name: string; spaces: number },
  changes: number,
  floor: number,
  product: ProductRun,
  server: ServerMeasure,
) {
  return {
    name: spec.name,
    changes,
    spaces: spec.spaces,
    seconds: round(product.seconds, 1),
    quotaFloorSeconds: round(floor, 1),
    efficiency: round(floor / product.seconds, 3),
    requests: server.requests,
    http429: server.http429,
    sheetCalls: product.sheetCalls,
    lost: server.lost,
    duplicates: server.duplicates,
    executions: product.executions,
    chatWaitSeconds: product.chatWaitSeconds,
    chatLatencyP50Ms: product.latency.p50,
    chatLatencyP95Ms: product.latency.p95,
    hardStops: product.hardStops,
  };
}

export interface ProductRun {
  seconds: number;
  executions: number;
  sheetCalls: number;
  /** RangeList writes of a running apply's short Status texts (four sheet calls each when every change applied). */
  statusWrites?: number;
  chatWaitSeconds: number;
  latency: { p50: number; p95: number };
  hardStops: number;
  orphanedRun: boolean;
  reportedApplied: number | null;
  errors: string[];
}

/**
 * Clicks Apply pending role changes (answered YES), then fires each continuation trigger when it is due, as Apps
 * Script would, until no run is pending (bounded by MAX_EXECUTIONS).
 */
export async function applyWithContinuations(
  bench: Bench,
  env: GasEnvironment,
  bundle: LoadedBundle,
): Promise<ProductRun> {
  const { httpFrom, executionsFrom, started } = await startApply(bench, env);
  const result = env.sim.as(ALICE, () => bundle.clickMenu('Apply pending role changes')) as {
    confirmed?: boolean;
    report?: { applied: number; finished: boolean };
  } | null;
  if (!result?.confirmed) throw new Error('the apply was not confirmed (no pending changes found?)');
  let executions = 1;
  let applied = result.report?.applied ?? 0;
  const errors: string[] = [];
  for (let round = 0; round < MAX_EXECUTIONS && pendingTriggers(env).length > 0; round++) {
    const due = Math.min(...pendingTriggers(env).map((t) => t.dueAt ?? Number.POSITIVE_INFINITY));
    // The clock is real time scaled: wait (really) until the trigger is due, then let the fakes fire it.
    for (let guard = 0; guard < 1000 && env.clock.now() < due; guard++) {
      await sleepReal((due - env.clock.now()) / bench.scale + 1);
    }
    const runs = env.sim.fireTimeTriggers({ advance: true }).filter((r) => r.handler === CONTINUE_HANDLER);
    executions += runs.length;
    for (const run of runs) if (run.error) errors.push(String((run.error as Error).message ?? run.error));
  }
  const seconds = (env.clock.now() - started) / 1000;
  const history = env.sim.executions.slice(executionsFrom);
  if (executions > 1) applied = NaN; // reports of continuations are not returned to the caller
  return {
    seconds,
    executions,
    sheetCalls: sheetCalls(env),
    statusWrites: env.calls['RangeList.setValue'] ?? 0,
    chatWaitSeconds: chatWaitSeconds(env, httpFrom, bench.scale),
    latency: chatLatency(env, httpFrom, bench.scale),
    hardStops: history.filter((e) => e.hardStopped).length,
    orphanedRun: pendingTriggers(env).length === 0 && hasStoredRun(env),
    reportedApplied: Number.isNaN(applied) ? null : applied,
    errors,
  };
}

/**
 * Before an apply is clicked: the emulator's log and the fakes' call counts start afresh, the confirmation will be
 * answered Yes; returns where this run's HTTP log and executions start, and its start time.
 */
export async function startApply(
  bench: Bench,
  env: GasEnvironment,
): Promise<{ httpFrom: number; executionsFrom: number; started: number }> {
  await bench.clearRequests();
  env.sim.resetCalls();
  const marks = { httpFrom: env.sim.http.length, executionsFrom: env.sim.executions.length };
  env.sim.ui.answerAlert('YES');
  return { ...marks, started: env.clock.now() };
}

export function pendingTriggers(env: GasEnvironment) {
  return env.sim.triggers().filter((t) => t.handler === CONTINUE_HANDLER && !t.fired && t.dueAt !== null);
}

export function hasStoredRun(env: GasEnvironment): boolean {
  return [...env.sim.properties.document.values.keys()].some((k) => k.startsWith('run.'));
}

/** Row number (1-based) of each email in a sheet, read through the uncounted view. */
export function sheetRows(env: GasEnvironment, title: string): Map<string, number> {
  const sheet = env.spreadsheet.getSheetByName(title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  const rows = new Map<string, number>();
  sheet
    .getDataRange()
    .getValues()
    .forEach((row, i) => {
      rows.set(String(row[1]), i + 1);
    });
  return rows;
}

/** Every sheet's values as text: the baseline starts from the very sheets the product applied. */
function snapshotSheets(env: GasEnvironment): SheetSeed[] {
  return env.spreadsheet.getSheets().map((sheet) => ({
    name: sheet.getName(),
    values: sheet
      .getDataRange()
      .getValues()
      .map((row) => row.map((cell) => String(cell))),
  }));
}

/** The naive loop (baseline.gs.js) on the same sheets, after the emulator is reset to the same seed. */
async function runBaseline(
  bench: Bench,
  seed: Seed,
  sheets: SheetSeed[],
  intents: readonly Intent[],
  executionLimitMs: number | null,
): Promise<BaselineResult> {
  await bench.reset(seed);
  const env = environment(bench, executionLimitMs ?? UNLIMITED_MS, sheets);
  const bundle = loadBundle(BASELINE_SCRIPT, env);
  env.sim.resetCalls();
  await bench.clearRequests();
  const realStart = Date.now();
  const started = env.clock.now();
  let stopped = false;
  try {
    env.sim.as(ALICE, () => bundle.call('applyRoleChangesBaseline'));
  } catch (e) {
    if (!(e instanceof HardStopError || (e instanceof Error && e.name === 'HardStopError'))) throw e;
    stopped = true;
  }
  const seconds = (env.clock.now() - started) / 1000;
  const calls = sheetCalls(env);
  env.dispose();
  const server = await measureServer(bench, intents);
  const sixMinutes = realStart + EXECUTION_LIMIT_MS / bench.scale;
  const completedIn6Min = server.log.filter(
    (e) => e.method === 'PATCH' && e.status === 200 && Date.parse(e.time) <= sixMinutes,
  ).length;
  return {
    seconds: round(seconds, 1),
    executionLimitSeconds: executionLimitMs === null ? null : executionLimitMs / 1000,
    stopped,
    completed: intents.length - server.lost,
    completedIn6Min,
    requests: server.requests,
    http429: server.http429,
    sheetCalls: calls,
    lost: server.lost,
    duplicates: server.duplicates,
  };
}

/** Scenario 3: the sidebar's Load members on a space of `members` members (Alice included). */
export async function runLoadScenario(
  bench: Bench,
  options: { name: string; members: number; log?: (line: string) => void },
): Promise<ScenarioResult> {
  const seed = bulkSeed(1, options.members - 1);
  await bench.reset(seed);
  const env = environment(bench, EXECUTION_LIMIT_MS);
  const bundle = loadBundle(join(DIST, 'Code.js'), env);
  bundle.simpleTrigger('onOpen');
  await bench.clearRequests();
  env.sim.resetCalls();
  const httpFrom = env.sim.http.length;
  const executionsFrom = env.sim.executions.length;
  const started = env.clock.now();
  const result = env.sim.as(ALICE, () => bundle.run('loadSpace', spaceName(0))) as { members: number };
  const seconds = (env.clock.now() - started) / 1000;
  const calls = sheetCalls(env);
  const wait = chatWaitSeconds(env, httpFrom, bench.scale);
  const latency = chatLatency(env, httpFrom, bench.scale);
  const hardStops = env.sim.executions.slice(executionsFrom).filter((e) => e.hardStopped).length;
  const rows = (env.spreadsheet.getSheetByName(spaceTitle(0))?.getLastRow() ?? 1) - 1;
  env.dispose();
  const server = await measureServer(bench, []);
  const listCalls = server.log.filter((e) => e.method === 'GET' && e.path.endsWith('/members')).length;
  // Reads: the members pages count against the space's 15 reads/s and the project's 3000/min.
  const quotaFloor = Math.max(listCalls / SPACE_READS_PER_SECOND, server.requests / PROJECT_READS_PER_SECOND);
  // Each page needs the token of the one before: the calls cannot overlap, so latency bounds the load too.
  const latencyFloor = (server.requests * bench.latencyMs) / 1000;
  options.log?.(`  ${options.name}: ${result.members} members in ${seconds.toFixed(1)} s, ${listCalls} list calls`);
  return {
    name: options.name,
    changes: 0,
    spaces: 1,
    seconds: round(seconds, 2),
    quotaFloorSeconds: round(quotaFloor, 2),
    efficiency: round(quotaFloor / seconds, 3),
    requests: server.requests,
    http429: server.http429,
    sheetCalls: calls,
    lost: 0,
    duplicates: server.duplicates,
    baselineSeconds: null,
    speedupVsBaseline: null,
    baselineCompleted: null,
    executions: 1,
    chatWaitSeconds: wait,
    chatLatencyP50Ms: latency.p50,
    chatLatencyP95Ms: latency.p95,
    hardStops,
    orphanedRun: false,
    reportedApplied: null,
    baseline: null,
    extra: {
      members: result.members,
      rowsWritten: rows,
      listCalls,
      latencyFloorSeconds: round(latencyFloor, 2),
      latencyEfficiency: round(Math.max(quotaFloor, latencyFloor) / seconds, 3),
    },
  };
}
