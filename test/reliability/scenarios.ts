/**
 * Reliability scenarios, shared by the jest suites in this folder and by `npm run soak` (tools/soak/soak.ts). Each
 * function runs seeded trials of one scenario against the bundled add-on (dist/Code.js on the Apps Script fakes,
 * talking to the Chat API emulator: test/support/harness.ts) and returns what it measured:
 *
 * - `lost`: a change a person asked for that is not in Chat at the end (and, for concurrent edits, not left pending
 *   in its row with a Status saying why);
 * - `duplicates`: a member written twice with the same role (an effective PATCH: answered 200, or applied by the
 *   emulator before it replaced the answer with an injected 5xx);
 * - `wrongStatuses`: a row whose Status does not tell the truth (✓ but not in Chat, not ✓ although applied, or a
 *   pending row whose Status does not say why);
 * - `faultsInjected`: requests the emulator failed on purpose; `seconds`: real seconds the trials took.
 *
 * Time runs on the harness's compressed timeline (ScaledClock and the emulator's timeScale): waiting for a
 * continuation trigger means sleeping on that clock, a few real milliseconds.
 */

import { seededRandom } from '../../tools/emulator/faults';
import type { Seed, SeedMembership, SeedPrincipal, SeedUser } from '../../tools/emulator/seed';
import { HardStopError } from '../../tools/gas-fakes';
import {
  ALICE,
  BOB,
  CAROL,
  type EmulatorRequest,
  type Harness,
  openRun,
  startHarness,
  TIME_SCALE,
} from '../support/harness';

export interface Figures {
  name: string;
  trials: number;
  faultsInjected: number;
  changes: number;
  lost: number;
  duplicates: number;
  wrongStatuses: number;
  seconds: number;
}

/** Why a figure is not zero, one line per problem (for assertion messages and the soak's report). */
export interface Outcome {
  figures: Figures;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// The world: S named spaces where Alice and Bob are Owners, Carol and N numbered people are Members.

const SCOPE = 'https://www.googleapis.com/auth/';
const USER_SCOPES = [`${SCOPE}chat.memberships`, `${SCOPE}chat.spaces.readonly`];
const PEOPLE = [
  { email: ALICE, id: '1001', token: 'tok-alice', name: 'Alice Ng' },
  { email: BOB, id: '1002', token: 'tok-bob', name: 'Bob Ortiz' },
  { email: CAROL, id: '1003', token: 'tok-carol', name: 'Carol Diaz' },
] as const;
const FIRST_MEMBER_ID = 100_000;

export const spaceName = (s: number) => `spaces/REL${String(s + 1).padStart(2, '0')}`;
export const spaceTitle = (s: number) => `Reliability ${String(s + 1).padStart(2, '0')}`;
export const memberEmail = (i: number) => `member${i + 1}@example.com`;
const memberUser = (i: number) => `users/${FIRST_MEMBER_ID + i}`;
const keyOf = (space: string, user: string) => `${space}/members/${user.slice('users/'.length)}`;

export function reliabilitySeed(spaces: number, membersPerSpace: number): Seed {
  const principals: SeedPrincipal[] = PEOPLE.map((p) => ({
    token: p.token,
    user: `users/${p.id}`,
    scopes: [...USER_SCOPES],
    admin: false,
  }));
  const users: SeedUser[] = [
    ...PEOPLE.map((p) => ({ name: `users/${p.id}`, displayName: p.name, email: p.email, type: 'HUMAN' as const })),
    ...Array.from({ length: membersPerSpace }, (_, i) => ({
      name: memberUser(i),
      displayName: `Member ${String(i + 1).padStart(5, '0')}`,
      email: memberEmail(i),
      type: 'HUMAN' as const,
    })),
  ];
  const memberships = (): SeedMembership[] => [
    { member: 'users/1001', role: 'ROLE_MANAGER', state: 'JOINED' },
    { member: 'users/1002', role: 'ROLE_MANAGER', state: 'JOINED' },
    { member: 'users/1003', role: 'ROLE_MEMBER', state: 'JOINED' },
    ...Array.from({ length: membersPerSpace }, (_, i) => ({
      member: memberUser(i),
      role: 'ROLE_MEMBER' as const,
      state: 'JOINED' as const,
    })),
  ];
  return {
    principals,
    users,
    spaces: Array.from({ length: spaces }, (_, s) => ({
      name: spaceName(s),
      displayName: spaceTitle(s),
      spaceType: 'SPACE' as const,
      createTime: '2025-01-01T09:00:00Z',
      memberships: memberships(),
    })),
  };
}

async function startWorld(seed: Seed, timeScale: number): Promise<Harness> {
  const h = await startHarness(seed, { timeScale });
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// What a person does

/** Role names as typed, and as the API has them. */
const UI_TO_API = { Member: 'ROLE_MEMBER', Manager: 'ROLE_ASSISTANT_MANAGER', Owner: 'ROLE_MANAGER' } as const;
type UiRole = keyof typeof UI_TO_API;
const API_TO_UI: Record<string, UiRole> = {
  ROLE_MEMBER: 'Member',
  ROLE_ASSISTANT_MANAGER: 'Manager',
  ROLE_MANAGER: 'Owner',
};

/** Columns of a member sheet (0-based): Name, Email, Type, State, Role, Status, key, server role, snapshot. */
const COL = { email: 1, role: 4, status: 5, key: 6, serverRole: 7 } as const;

function sheetRows(h: Harness, title: string): string[][] {
  const sheet = h.env.spreadsheet.getSheetByName(title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  return sheet
    .getDataRange()
    .getValues()
    .map((row) => row.map(String));
}

/** Sheet row number (1-based) of each membership key. */
function rowsByKey(h: Harness, title: string): Map<string, number> {
  const rows = new Map<string, number>();
  sheetRows(h, title).forEach((row, i) => {
    if (row[COL.key]) rows.set(row[COL.key] as string, i + 1);
  });
  return rows;
}

const CONTINUE = 'continueBulkApply';
/** Executions a person waits for (continuations, Resume, re-applies) before giving up: every loop is bounded. */
const MAX_ROUNDS = 40;

function progress(h: Harness, who: string): unknown {
  return openRun(h, who);
}

/** Rows the add-on would apply or put back (its dry run), as `who`. */
function pendingCount(h: Harness, who: string): number {
  const preview = h.env.sim.as(who, () => h.bundle.run('previewPendingChanges')) as {
    changes: number;
    refused: number;
  };
  return preview.changes + preview.refused;
}

/**
 * Apply pending role changes, answering Yes to its confirmation (or OK when it says nothing is pending). `pending`:
 * what the person sees in the sheet, when known (a dry run first costs service calls, which a hard stop counts).
 */
function applyPending(h: Harness, who: string, pending: number = pendingCount(h, who)): void {
  h.env.sim.ui.answerAlert(pending > 0 ? 'YES' : 'OK');
  h.env.sim.as(who, () => h.bundle.clickMenu('Apply pending role changes'));
}

/** Runs fn; a hard stop (armed by the scenario) ends it like Apps Script would. Returns whether it stopped. */
function stoppable(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (e instanceof HardStopError || (e instanceof Error && e.name === 'HardStopError')) return true;
    throw e;
  }
}

/**
 * Waits until `who` has no unfinished run and nothing pending (bounded): fires each continuation trigger when it is
 * due (sleeping on the scaled clock until then), presses Resume if a run is left without one, and applies again
 * what is still pending (a run that was stopped before it was ever saved).
 */
export function finish(h: Harness, who: string = ALICE, options: { reapply?: boolean } = {}): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (progress(h, who) === null) {
      const pending = options.reapply === false ? 0 : pendingCount(h, who);
      if (pending === 0) return;
      applyPending(h, who, pending);
      continue;
    }
    const waiting = h.env.sim.triggers().filter((t) => t.handler === CONTINUE && !t.fired && t.dueAt !== null);
    if (waiting.length === 0) {
      h.env.sim.as(who, () => h.bundle.clickMenu('Resume bulk apply'));
      continue;
    }
    const due = Math.min(...waiting.map((t) => t.dueAt ?? Number.POSITIVE_INFINITY));
    // Sleep on the compressed clock until it is due (bounded: a continuation is due a second after it was made).
    for (let i = 0; i < 100 && h.env.clock.now() < due; i++) h.env.clock.sleep(due - h.env.clock.now() + 5);
    h.env.sim.fireTimeTriggers();
  }
  throw new Error(`${who}'s bulk apply did not finish in ${MAX_ROUNDS} executions`);
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

/** An effective write: Chat applied it (200), or applied it and then the emulator replaced its answer with a 5xx. */
export function isEffectiveWrite(r: EmulatorRequest): boolean {
  return r.method === 'PATCH' && (r.status === 200 || (r.fault === 'after' && r.status >= 500));
}

/** Members (request paths) written more than once in total. */
function writtenMoreThanOnce(log: readonly EmulatorRequest[]): string[] {
  const counts = new Map<string, number>();
  for (const r of log) if (isEffectiveWrite(r)) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([path, n]) => `${path} written ${n} times`);
}

/** Members written twice in a row with the same role (the same change applied twice). */
function writtenTwiceAlike(log: readonly EmulatorRequest[]): string[] {
  const last = new Map<string, string>();
  const twice = new Set<string>();
  for (const r of log) {
    if (!isEffectiveWrite(r)) continue;
    const role = String((r.body as { role?: unknown } | null)?.role ?? '');
    if (last.get(r.path) === role) twice.add(`${r.path} written ${role} twice in a row`);
    last.set(r.path, role);
  }
  return [...twice];
}

/** Role of every membership in Chat, by membership key. */
function serverRoles(state: Seed): Map<string, string> {
  const roles = new Map<string, string>();
  for (const space of state.spaces) {
    for (const m of space.memberships) if (m.member) roles.set(keyOf(space.name, m.member), m.role ?? '');
  }
  return roles;
}

/**
 * Whether a row's Status tells the truth about it. `wanted` is the role its last edit asked for, when the scenario
 * knows one: that role in Chat must read ✓ (unless a later Status explains why the row is pending).
 */
function statusProblem(row: readonly string[] | undefined, server: string | undefined, wanted?: string): string | null {
  if (!row) return 'row missing';
  const status = row[COL.status] ?? '';
  const cell = row[COL.role] ?? '';
  const serverUi = server ? (API_TO_UI[server] ?? server) : '';
  const pending = cell !== serverUi;
  const applied = /^✓ Now (\w+)/.exec(status);
  if (applied) {
    if (applied[1] !== serverUi) return `says "${status}" but Chat has ${serverUi || 'no role'}`;
    if (pending) return `says "${status}" but its Role cell asks for ${cell}`;
    return null;
  }
  if (pending && !/^[⏳✗]/.test(status)) return `Role cell asks for ${cell} (Chat has ${serverUi}), Status "${status}"`;
  if (!pending && status.startsWith('⏳')) return `says "${status}" but nothing is pending (Chat has ${serverUi})`;
  if (!pending && wanted !== undefined && wanted === server) return `applied (${serverUi}) but Status "${status}"`;
  return null;
}

interface Intent {
  title: string;
  key: string;
  /** The API role asked for last. */
  role: string;
}

interface Measured {
  faultsInjected: number;
  lost: string[];
  duplicates: string[];
  wrongStatuses: string[];
}

/**
 * Compares the end state with what people asked for. `lostIfPending`: a change left pending in its row counts as
 * lost (bulk runs must finish); otherwise a pending row whose Status says why is an acceptable end state.
 */
async function measure(
  h: Harness,
  intents: readonly Intent[],
  titles: readonly string[],
  options: { sameRoleOnly: boolean; lostIfPending: boolean; strictStatus: boolean },
): Promise<Measured> {
  const [state, log] = await Promise.all([h.control.state(), h.control.requests()]);
  const roles = serverRoles(state);
  const rows = new Map<string, string[]>();
  for (const title of titles) for (const row of sheetRows(h, title).slice(1)) rows.set(row[COL.key] ?? '', row);
  const lost: string[] = [];
  const wrongStatuses: string[] = [];
  const wanted = new Map(intents.map((i) => [i.key, i.role]));
  for (const intent of intents) {
    const server = roles.get(intent.key);
    if (server === intent.role) continue;
    const row = rows.get(intent.key);
    const explained =
      row !== undefined &&
      row[COL.role] === API_TO_UI[intent.role] &&
      /^[⏳✗]/.test(row[COL.status] ?? '') &&
      !options.lostIfPending;
    if (!explained)
      lost.push(`${intent.key}: asked for ${intent.role}, Chat has ${server}, row ${JSON.stringify(row)}`);
  }
  for (const [key, row] of rows) {
    if (!key) continue;
    const problem = statusProblem(row, roles.get(key), options.strictStatus ? wanted.get(key) : undefined);
    if (problem) wrongStatuses.push(`${key}: ${problem}`);
  }
  return {
    faultsInjected: log.filter((r) => r.fault !== undefined).length,
    lost,
    duplicates: options.sameRoleOnly ? writtenTwiceAlike(log) : writtenMoreThanOnce(log),
    wrongStatuses,
  };
}

class Tally {
  readonly problems: string[] = [];
  private readonly figures: Figures;
  private readonly started = performance.now();

  constructor(name: string) {
    this.figures = {
      name,
      trials: 0,
      faultsInjected: 0,
      changes: 0,
      lost: 0,
      duplicates: 0,
      wrongStatuses: 0,
      seconds: 0,
    };
  }

  add(label: string, changes: number, m: Measured): void {
    this.figures.trials++;
    this.figures.changes += changes;
    this.figures.faultsInjected += m.faultsInjected;
    this.figures.lost += m.lost.length;
    this.figures.duplicates += m.duplicates.length;
    this.figures.wrongStatuses += m.wrongStatuses.length;
    const all = [
      ...m.lost.map((p) => `lost ${p}`),
      ...m.duplicates.map((p) => `duplicate ${p}`),
      ...m.wrongStatuses.map((p) => `wrong Status ${p}`),
    ];
    for (const p of all.slice(0, 20)) this.problems.push(`[${label}] ${p}`);
  }

  done(): Outcome {
    this.figures.seconds = Math.round((performance.now() - this.started) / 100) / 10;
    return { figures: { ...this.figures }, problems: this.problems };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up shared by the scenarios

interface Prepared {
  h: Harness;
  intents: Intent[];
  titles: string[];
}

/**
 * Alice loads every space, then types Manager for the first `perSpace` numbered Members of each sheet, without live
 * editing: the changes wait for bulk apply.
 */
async function prepareBulk(
  spaces: number,
  perSpace: number,
  membersPerSpace: number,
  timeScale: number,
): Promise<Prepared> {
  const h = await startWorld(reliabilitySeed(spaces, membersPerSpace), timeScale);
  h.bundle.simpleTrigger('onOpen');
  const titles: string[] = [];
  const intents: Intent[] = [];
  for (let s = 0; s < spaces; s++) {
    const loaded = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', spaceName(s))) as { sheetName: string };
    titles.push(loaded.sheetName);
    const rows = rowsByKey(h, loaded.sheetName);
    for (let i = 0; i < perSpace; i++) {
      const key = keyOf(spaceName(s), memberUser(i));
      const row = rows.get(key);
      if (row === undefined) throw new Error(`${key} is not in ${loaded.sheetName}`);
      h.env.sim.userEdit(ALICE, loaded.sheetName, `E${row}`, 'Manager', { paste: true });
      intents.push({ title: loaded.sheetName, key, role: UI_TO_API.Manager });
    }
  }
  await h.control.clearRequests();
  return { h, intents, titles };
}

const FAULT_STATUSES = [429, 500, 503];

const pastDeadline = (until: number | undefined, done: number) => until !== undefined && done > 0 && Date.now() > until;

// ---------------------------------------------------------------------------------------------------------------
// Scenario 1: faults

export interface FaultSpec {
  name?: string;
  trials: number;
  spaces: number;
  perSpace: number;
  /** Share of Chat requests that fail (429, 500 or 503; a 5xx half the time after the write was applied). */
  rate: number;
  /** Emulated latency of every request. */
  latencyMs?: number;
  seed?: number;
  timeScale?: number;
  /** Wall-clock time (Date.now()) after which no new trial starts (at least one always runs). */
  until?: number;
  log?: (line: string) => void;
}

/**
 * Bulk apply of spaces × perSpace changes (Member → Manager) under injected faults and latency: Apply pending role
 * changes answered YES, then every continuation until no run is pending.
 */
export async function faultScenario(spec: FaultSpec): Promise<Outcome> {
  const tally = new Tally(
    spec.name ??
      `faults ${Math.round(spec.rate * 100)}%: ${spec.spaces * spec.perSpace} changes, ${spec.spaces} spaces`,
  );
  for (let trial = 0; trial < spec.trials && !pastDeadline(spec.until, trial); trial++) {
    const seed = (spec.seed ?? 1) + trial;
    const { h, intents, titles } = await prepareBulk(
      spec.spaces,
      spec.perSpace,
      spec.perSpace,
      spec.timeScale ?? TIME_SCALE,
    );
    try {
      await h.control.config({
        latencyMs: spec.latencyMs ?? 0,
        faults: { rate: spec.rate, statuses: FAULT_STATUSES, seed, mode: 'either' },
      });
      applyPending(h, ALICE, intents.length);
      finish(h);
      await h.control.config({ faults: { rate: 0 } });
      const m = await measure(h, intents, titles, { sameRoleOnly: false, lostIfPending: true, strictStatus: true });
      tally.add(`seed ${seed}`, intents.length, m);
      spec.log?.(
        `  ${tally.done().figures.name} · seed ${seed}: ${m.faultsInjected} faults, ${m.lost.length} lost, ${m.duplicates.length} duplicates, ${m.wrongStatuses.length} wrong`,
      );
    } finally {
      await h.stop();
    }
  }
  return tally.done();
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario 2: interruptions

export interface InterruptionSpec {
  name?: string;
  /** Stop points: one trial each. */
  points: number;
  spaces: number;
  perSpace: number;
  /** Optional faults during the run (and its resumption). */
  rate?: number;
  seed?: number;
  timeScale?: number;
  /** Wall-clock time (Date.now()) after which no new trial starts (at least one always runs). */
  until?: number;
  log?: (line: string) => void;
}

/** What the person does after the execution died. */
type Recovery = 'trigger' | 'resume' | 'apply-again';
const RECOVERIES: readonly Recovery[] = ['trigger', 'resume', 'apply-again'];

/**
 * Bulk apply stopped dead (Apps Script killing the execution) at seeded points — before or after the stopping service
 * call takes effect, so a PATCH may have reached Chat unseen — then recovered as a person would: wait for the
 * continuation trigger, press Resume bulk apply, or press Apply pending role changes again; then finished.
 * The stop points are spread over the service calls an uninterrupted run makes (measured first, not counted).
 */
export async function interruptionScenario(spec: InterruptionSpec): Promise<Outcome> {
  const tally = new Tally(
    spec.name ?? `interruptions: ${spec.points} stop points, ${spec.spaces * spec.perSpace} changes`,
  );
  const timeScale = spec.timeScale ?? TIME_SCALE;
  const random = seededRandom(spec.seed ?? 2026);
  const faults = (seed: number) => ({
    faults: { rate: spec.rate ?? 0, statuses: FAULT_STATUSES, seed, mode: 'either' as const },
  });

  // Calibration: how many service calls an uninterrupted run makes.
  let calls: number;
  {
    const { h, intents } = await prepareBulk(spec.spaces, spec.perSpace, spec.perSpace, timeScale);
    try {
      h.env.sim.resetCalls();
      applyPending(h, ALICE, intents.length);
      calls = h.env.sim.totalCalls();
      finish(h);
    } finally {
      await h.stop();
    }
  }

  for (let point = 0; point < spec.points && !pastDeadline(spec.until, point); point++) {
    const afterCalls = 1 + Math.floor(random() * calls);
    const when = random() < 0.5 ? ('before' as const) : ('after' as const);
    const recovery = RECOVERIES[Math.floor(random() * RECOVERIES.length)] as Recovery;
    const seed = (spec.seed ?? 2026) + point;
    const { h, intents, titles } = await prepareBulk(spec.spaces, spec.perSpace, spec.perSpace, timeScale);
    try {
      await h.control.config(faults(seed));
      h.env.sim.hardStop({ afterCalls, when });
      const stopped = stoppable(() => applyPending(h, ALICE, intents.length));
      h.env.sim.hardStop(null);
      if (stopped) {
        if (recovery === 'resume' && progress(h, ALICE) !== null)
          h.env.sim.as(ALICE, () => h.bundle.clickMenu('Resume bulk apply'));
        else if (recovery === 'apply-again') applyPending(h, ALICE);
      }
      finish(h);
      await h.control.config({ faults: { rate: 0 } });
      const m = await measure(h, intents, titles, { sameRoleOnly: false, lostIfPending: true, strictStatus: true });
      const label = `stop after ${afterCalls}/${calls} calls (${when}), ${stopped ? recovery : 'not reached'}`;
      tally.add(label, intents.length, m);
      spec.log?.(
        `  interruption · ${label}: ${m.lost.length} lost, ${m.duplicates.length} duplicates, ${m.wrongStatuses.length} wrong`,
      );
    } finally {
      await h.stop();
    }
  }
  return tally.done();
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario 3: concurrency

export interface ConcurrencySpec {
  name?: string;
  trials: number;
  spaces: number;
  membersPerSpace: number;
  /** Rows Carol types (pending: she has no live editing) before Alice's bulk apply. */
  pending: number;
  /** Edits by Alice and Bob (both with live editing on) while the bulk run is unfinished. */
  edits: number;
  /** Optional faults (429/500/503) on every Chat request after the sheets are loaded. */
  rate?: number;
  seed?: number;
  timeScale?: number;
  /** Wall-clock time (Date.now()) after which no new trial starts (at least one always runs). */
  until?: number;
  log?: (line: string) => void;
}

interface Cell {
  title: string;
  key: string;
}

/**
 * Two people with live editing on (Alice and Bob, both Owners) and one bulk apply, interleaved as far as the
 * synchronous fakes allow. Carol (no live editing) types changes; Alice applies them in bulk and the execution dies
 * mid-run; while the run waits for its continuation, Alice and Bob type roles into rows — rows of the run and others —
 * some while another execution holds the document lock (the edit waits for it, or gives up and stays pending); then the
 * run continues and everyone applies what is left. Every row must end with the role typed last in Chat (or pending,
 * with a Status saying why), no change may be written twice, and every Status must tell the truth.
 */
export async function concurrencyScenario(spec: ConcurrencySpec): Promise<Outcome> {
  const tally = new Tally(spec.name ?? `concurrency: 2 live editors + bulk apply, ${spec.trials} trials`);
  const calls = await calibrateConcurrency(spec);
  for (let trial = 0; trial < spec.trials && !pastDeadline(spec.until, trial); trial++) {
    await concurrencyTrial(spec, (spec.seed ?? 7) + trial, calls, tally);
  }
  return tally.done();
}

interface ConcurrencyWorld {
  h: Harness;
  cells: Cell[];
  /** The cells Carol typed (pending) before the bulk apply. */
  carol: Cell[];
}

/** Sheets loaded by Alice; Carol types her pending changes; then Alice and Bob turn live editing on. */
async function concurrencyWorld(spec: ConcurrencySpec, random: () => number): Promise<ConcurrencyWorld> {
  const h = await startWorld(reliabilitySeed(spec.spaces, spec.membersPerSpace), spec.timeScale ?? TIME_SCALE);
  h.bundle.simpleTrigger('onOpen');
  const cells: Cell[] = [];
  for (let s = 0; s < spec.spaces; s++) {
    const loaded = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', spaceName(s))) as { sheetName: string };
    for (let i = 0; i < spec.membersPerSpace; i++)
      cells.push({ title: loaded.sheetName, key: keyOf(spaceName(s), memberUser(i)) });
  }
  const carol = [...cells].sort(() => random() - 0.5).slice(0, spec.pending);
  for (const cell of carol) {
    const row = rowsByKey(h, cell.title).get(cell.key);
    h.env.sim.userEdit(CAROL, cell.title, `E${row}`, 'Manager');
  }
  for (const who of [ALICE, BOB]) h.env.sim.as(who, () => h.bundle.run('setLiveEditing', true));
  await h.control.clearRequests();
  return { h, cells, carol };
}

/** The service calls of Alice's bulk apply when nothing stops it (not counted): where a hard stop can land. */
async function calibrateConcurrency(spec: ConcurrencySpec): Promise<number> {
  const { h } = await concurrencyWorld(spec, seededRandom(1));
  try {
    h.env.sim.resetCalls();
    applyPending(h, ALICE, spec.pending);
    const calls = h.env.sim.totalCalls();
    finish(h);
    return calls;
  } finally {
    await h.stop();
  }
}

/** Types roles as a person would, remembering the last role typed per row (what Chat must end with). */
function typist(h: Harness, trace: string[], last: Map<string, Intent>) {
  return {
    type(who: string, cell: Cell, role: UiRole): void {
      const row = rowsByKey(h, cell.title).get(cell.key);
      if (row === undefined) throw new Error(`${cell.key} is not in ${cell.title}`);
      trace.push(`${who.split('@')[0]} types ${role} for ${cell.key}`);
      h.env.sim.userEdit(who, cell.title, `E${row}`, role);
      last.set(cell.key, { title: cell.title, key: cell.key, role: UI_TO_API[role] });
    },
    current(cell: Cell): string {
      const row = rowsByKey(h, cell.title).get(cell.key) ?? 0;
      return String(h.env.spreadsheet.getSheetByName(cell.title)?.getRange(`E${row}`).getValue() ?? '');
    },
  };
}

/** Alice and Bob edit rows, half of them rows of the run; some edits meet a lock held by another execution. */
function contendedEdits(
  spec: ConcurrencySpec,
  world: ConcurrencyWorld,
  random: () => number,
  trace: string[],
  typing: ReturnType<typeof typist>,
): void {
  const { h, cells, carol } = world;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let e = 0; e < spec.edits; e++) {
    const who = random() < 0.5 ? ALICE : BOB;
    const cell = random() < 0.5 ? pick(carol) : pick(cells);
    const role: UiRole = typing.current(cell) === 'Manager' ? 'Member' : 'Manager';
    const contention = random();
    if (contention < 0.2) {
      // Another execution holds the lock for longer than an edit waits: the edit stays pending.
      const lock = h.env.sim.holdLock('document', { user: CAROL });
      trace.push('lock held (long)');
      typing.type(who, cell, role);
      lock.release();
    } else if (contention < 0.4) {
      // Another execution lets go after 10 s: the edit waits for it, then applies.
      h.env.sim.holdLock('document', { user: CAROL, releaseAfterMs: 10_000 });
      trace.push('lock held (10 s)');
      typing.type(who, cell, role);
    } else {
      typing.type(who, cell, role);
    }
  }
}

/** One trial: Alice's bulk apply dies mid-run, Alice and Bob edit under contention, then everything is finished. */
async function concurrencyTrial(spec: ConcurrencySpec, seed: number, calls: number, tally: Tally): Promise<void> {
  const random = seededRandom(seed);
  const world = await concurrencyWorld(spec, random);
  const { h, cells, carol } = world;
  const trace: string[] = [];
  try {
    if (spec.rate)
      await h.control.config({ faults: { rate: spec.rate, statuses: FAULT_STATUSES, seed, mode: 'either' } });
    const titles = [...new Set(cells.map((c) => c.title))];
    const last = new Map<string, Intent>(
      carol.map((c) => [c.key, { title: c.title, key: c.key, role: UI_TO_API.Manager }]),
    );

    // Alice applies Carol's changes; the execution dies somewhere in the run.
    const afterCalls = Math.floor(calls * (0.2 + 0.7 * random()));
    h.env.sim.hardStop({ afterCalls, when: random() < 0.5 ? 'before' : 'after' });
    const stopped = stoppable(() => applyPending(h, ALICE, carol.length));
    h.env.sim.hardStop(null);
    trace.push(`bulk apply ${stopped ? `stopped after ${afterCalls} calls` : 'finished'}`);

    contendedEdits(spec, world, random, trace, typist(h, trace, last));

    // The run continues; then whatever is still pending is applied by Alice (others' edits included, in her name).
    finish(h, ALICE);
    finish(h, BOB, { reapply: false });
    await h.control.config({ faults: { rate: 0 } });
    const m = await measure(h, [...last.values()], titles, {
      sameRoleOnly: true,
      lostIfPending: false,
      strictStatus: false,
    });
    tally.add(`seed ${seed}`, last.size, m);
    if (m.lost.length + m.duplicates.length + m.wrongStatuses.length > 0) {
      for (const line of trace) tally.problems.push(`[seed ${seed}] trace: ${line}`);
    }
    spec.log?.(
      `  concurrency · seed ${seed}: ${m.lost.length} lost, ${m.duplicates.length} duplicates, ${m.wrongStatuses.length} wrong`,
    );
  } finally {
    await h.stop();
  }
}
