/**
 * The use cases' ports in memory: member sheets as arrays of cells, a Chat whose memberships are a map, a run store,
 * triggers, dialogs and a fake clock. Enough to run a use case in milliseconds, without the Apps Script fakes.
 */

import type {
  Chat,
  MemberSheet,
  Ports,
  RowPatch,
  SheetBlock,
  SheetMeta,
  Sheets,
  StatusMark,
  WriteOrCheck,
} from '../../src/app/ports';
import { applyPatches } from '../../src/app/row-patches';
import { type AuditEntry, auditCells } from '../../src/domain/audit';
import type { RoleChange } from '../../src/domain/changes';
import {
  type Cell,
  COL,
  HEADER_ROWS,
  type MemberRow,
  rowFromMembership,
  rowToCells,
  type Seal,
} from '../../src/domain/member-row';
import type { ApiRole } from '../../src/domain/roles';
import type { SealedFields } from '../../src/domain/row-seal';
import type { RunEnd } from '../../src/domain/run-end';
import type { WaveResult } from '../../src/domain/run-engine';
import type { RunState } from '../../src/domain/run-state';
import type { TypedRecords } from '../../src/domain/typed-by';
import type { UndoRecord } from '../../src/domain/undo-record';

/** A stand-in seal: deterministic per sheet, so a row copied from another sheet or forged by hand does not verify. */
const memorySeal =
  (meta: SheetMeta): Seal =>
  (fields: SealedFields) =>
    `seal:${meta.sheetId}:${meta.generation}:${JSON.stringify(fields).length}:${fields[4]}:${fields[5]}`;

export class MemorySheet implements MemberSheet {
  values: Cell[][];
  readonly seal: Seal;
  records: TypedRecords = new Map();
  constructor(
    readonly meta: SheetMeta,
    rows: readonly MemberRow[],
  ) {
    this.seal = memorySeal(meta);
    this.values = rows.map((row) => rowToCells(row, this.seal));
  }
  typedRecords(): TypedRecords {
    return new Map(this.records);
  }
  saveTypedRecords(records: TypedRecords): void {
    this.records = new Map(records);
  }
  readRows(): SheetBlock {
    return { firstRow: HEADER_ROWS + 1, values: this.values.map((r) => [...r]) };
  }
  patchRows(patches: readonly RowPatch[]): string[] {
    return applyPatches(this.values, patches, this.seal).missing;
  }
  /** Every markStatuses call, as the marks it was given (the adapter's cost is per call, not per mark). */
  readonly markCalls: StatusMark[][] = [];
  markStatuses(marks: readonly StatusMark[]): number {
    this.markCalls.push([...marks]);
    let written = 0;
    for (const mark of marks) {
      const rows = this.values.filter((r) => r[COL.key - 1] === mark.key);
      const row = rows[0];
      if (rows.length !== 1 || !row || !mark.onlyIf(String(row[COL.role - 1] ?? ''))) continue;
      row[COL.status - 1] = mark.text;
      written++;
    }
    return written;
  }
  writeRowsAt(rows: ReadonlyMap<number, string[]>): void {
    for (const [index, cells] of rows) this.values[index] = [...cells];
  }
  writeHeader(): boolean {
    return true;
  }
  /** Types into a cell (1-based column), as a person would. */
  type(key: string, column: number, text: string): void {
    const row = this.values.find((r) => r[COL.key - 1] === key);
    if (row) row[column - 1] = text;
  }
  cell(key: string, column: number): Cell | undefined {
    return this.values.find((r) => r[COL.key - 1] === key)?.[column - 1];
  }
}

/** A space in memory: membership name → role. PATCHes and GETs are recorded in `requests`. */
export class MemoryChat implements Chat {
  readonly requests: string[] = [];
  /** Answers to give instead of the normal one, by request (`PATCH key` or `GET key`), used once each. */
  readonly scripted = new Map<string, (WaveResult | undefined)[]>();
  constructor(readonly roles: Map<string, ApiRole>) {}
  listNamedSpaces() {
    return [];
  }
  getSpace(space: string) {
    return { name: space, displayName: space, spaceType: 'SPACE' };
  }
  listMembers(space: string) {
    return [...this.roles]
      .filter(([key]) => key.startsWith(`${space}/`))
      .map(([name, role]) => ({ name, role, state: 'JOINED', member: { name: `users/${name.split('/').pop()}` } }));
  }
  sendAll(requests: readonly WriteOrCheck[]): (WaveResult | undefined)[] {
    return requests.map((r) => {
      const label = 'get' in r ? `GET ${r.get}` : `PATCH ${r.patch}`;
      this.requests.push(label);
      const script = this.scripted.get(label);
      if (script && script.length > 0) return script.shift();
      const key = 'get' in r ? r.get : r.patch;
      if (!this.roles.has(key)) return { status: 404, body: '{}', retryAfter: undefined };
      if ('patch' in r) this.roles.set(key, r.role);
      return { status: 200, body: JSON.stringify({ name: key, role: this.roles.get(key) }), retryAfter: undefined };
    });
  }
  resolveMissingNames(memberships: readonly Parameters<typeof rowFromMembership>[0][]) {
    return { memberships: [...memberships], notes: new Map<string, string>() };
  }
  userIdsForEmails(emails: readonly string[]) {
    return new Map(emails.map((email) => [email, { notFound: true as const }]));
  }
}

export interface MemoryWorld {
  ports: Ports;
  sheet: MemorySheet;
  chat: MemoryChat;
  audit: string[][];
  runs: Map<string, RunState>;
  toasts: string[];
  scheduled: number;
  liveEditors: Set<string>;
  undo?: UndoRecord;
  /** How the last run ended (the store's user-properties record). */
  ended?: RunEnd;
  /** The spreadsheet's time zone (File › Settings): every time written is in it. */
  timeZone: string;
}

/** Every member of `keys` planned from Member to Manager, in row order (the use-case tests' usual run). */
export function toManager(keys: readonly string[], space: string): RoleChange[] {
  return keys.map((key, index) => ({
    access: 'user',
    index,
    key,
    space,
    who: key,
    from: 'ROLE_MEMBER',
    to: 'ROLE_ASSISTANT_MANAGER',
  }));
}

export function memoryWorld(
  user: string,
  loaded: Omit<SheetMeta, 'sheetId' | 'generation'>,
  roles: Map<string, ApiRole>,
): MemoryWorld {
  const meta: SheetMeta = { ...loaded, sheetId: 1, generation: 1 };
  const chat = new MemoryChat(roles);
  const sheet = new MemorySheet(meta, chat.listMembers(meta.space).map(rowFromMembership));
  let now = 1_700_000_000_000;
  let ids = 0;
  const world: MemoryWorld = {
    sheet,
    chat,
    audit: [],
    runs: new Map(),
    toasts: [],
    scheduled: 0,
    liveEditors: new Set(),
    timeZone: 'Etc/UTC',
    ports: undefined as unknown as Ports,
  };
  const sheets: Sheets = {
    timeZone: () => world.timeZone,
    memberSheets: () => [sheet],
    activeMemberSheet: () => sheet,
    writeSpace: () => meta.title,
    writePreview: () => 'Preview',
    removePreview: () => undefined,
    appendAudit: (entries: readonly AuditEntry[]) => world.audit.push(...entries.map(auditCells)),
    readAudit: () => world.audit.map((r) => [...r]),
  };
  world.ports = {
    sheets,
    chat: () => chat,
    runs: {
      load: (u) => world.runs.get(u),
      save: (run) => world.runs.set(run.user, structuredClone(run)),
      // As the real store's journal: the stored run's queued jobs among these become inflight, nothing else changes.
      markSent: (run, jobs) => {
        const stored = world.runs.get(run.user);
        if (stored?.runId !== run.runId) return void world.runs.set(run.user, structuredClone(run));
        for (const job of jobs) {
          const kept = stored.jobs[run.jobs.indexOf(job)];
          if (kept?.state !== 'queued') continue;
          kept.state = 'inflight';
          kept.attempts = Math.max(kept.attempts, job.attempts);
        }
      },
      // As the real store: document properties hold everyone's runs; others' writes their rows do not show yet.
      unseenWritesOfOthers: (u) => {
        const unseenWrites = new Map<string, { user: string; to: ApiRole }[]>();
        for (const run of world.runs.values()) {
          if (run.user === u) continue;
          for (const job of run.jobs) {
            const unseen = job.state === 'inflight' || (job.state === 'applied' && !job.recorded);
            if (unseen)
              unseenWrites.set(job.key, [...(unseenWrites.get(job.key) ?? []), { user: run.user, to: job.to }]);
          }
        }
        return unseenWrites;
      },
      remove: (u) => world.runs.delete(u),
      saveUndo: (_u: string, record: UndoRecord) => {
        world.undo = record;
      },
      lastUndo: () => world.undo,
      appendUndo: (_u: string, runId: string, changes: UndoRecord['changes']) => {
        const kept = world.undo?.runId === runId ? world.undo.changes : [];
        world.undo = { runId, changes: [...kept, ...changes] };
      },
      saveEnd: (_u: string, end: RunEnd) => {
        world.ended = end;
      },
      lastEnd: () => world.ended,
    },
    triggers: {
      scheduleContinuation: () => {
        world.scheduled++;
        return undefined;
      },
      deleteContinuation: () => {},
      pausedNote: () => undefined,
      hasLiveEditing: (email) => world.liveEditors.has(email),
    },
    ui: { confirm: () => true, askApply: () => 'all', tell: () => {}, toast: (m) => world.toasts.push(m) },
    user: () => user,
    clock: {
      now: () => now,
      sleep: (ms) => {
        now += Math.max(0, ms);
      },
      random: () => 0,
    },
    executionBudgetMs: () => 300_000,
    newId: () => `run-${++ids}`,
    withLock: (_wait, work) => work(),
  };
  return world;
}
