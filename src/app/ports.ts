/**
 * Everything the use cases need from the world, as plain interfaces: sheets, Chat, the run store, triggers, dialogs,
 * the user, time, settings, ids and the document lock. src/adapters implements them over Apps Script; tests can
 * implement them in memory. Nothing here names an Apps Script type, so this folder compiles without them.
 */

import type { Access } from '../domain/access';
import type { AuditEntry } from '../domain/audit';
import type { ChatMembership, ChatSpace } from '../domain/chat-types';
import type { Answer } from '../domain/confirmation';
import type { EmailLookup } from '../domain/email-lookup';
import type { Cell, MemberRow, Seal } from '../domain/member-row';
import type { ApiRole } from '../domain/roles';
import type { RunEnd } from '../domain/run-end';
import type { WaveResult } from '../domain/run-engine';
import type { RunJob, RunState } from '../domain/run-state';
import type { TypedRecords } from '../domain/typed-by';
import type { UndoRecord } from '../domain/undo-record';

export interface Clock {
  now(): number;
  sleep(ms: number): void;
  random(): number;
}

/**
 * A member sheet's binding: which space, with which access. It lives where only the add-on can write (document
 * properties, keyed by the sheet's id), never in the sheet's title, cells or DOCUMENT-visibility metadata.
 */
export interface SheetMeta {
  space: string;
  spaceType: string;
  title: string;
  /** How the sheet was loaded; every change made from it uses the same access. */
  access: Access;
  /** The sheet's id: a copy of the sheet has another id, so it is not bound. */
  sheetId: number;
  /** Bumped by every load: rows sealed by an earlier load stop verifying. */
  generation: number;
}

export interface SheetBlock {
  /** Sheet row number of the first data row. */
  firstRow: number;
  values: Cell[][];
}

export interface RowPatch {
  key: string;
  /** Cells set unconditionally (Status, restored identity cells). */
  cells: Map<number, string>;
  /**
   * A new Role cell text, written only if the cell still holds what the decision was based on: a person may have
   * typed a newer role while we were talking to Chat, and their edit wins (its trigger or the next bulk apply
   * handles it).
   */
  role?: { value: string; onlyIf: (current: string) => boolean };
  /** The role now on the server: updates the hidden server-role cell and the row's snapshot. */
  serverRole?: ApiRole;
  /** A Status decided from the row as it is when written (after `cells` and `role`); undefined leaves it. */
  status?: (row: Pick<MemberRow, 'role' | 'serverRole' | 'status'>) => string | undefined;
}

/** A short Status text for a row while its run goes on (the full outcome is written when its space finishes). */
export interface StatusMark {
  key: string;
  text: string;
  /** Written only if the Role cell still holds what the change was for (someone may have typed a newer role). */
  onlyIf: (role: string) => boolean;
}

/** One member sheet (a space's members), read and written a whole block at a time. */
export interface MemberSheet {
  readonly meta: SheetMeta;
  /** Seals rows of this sheet (HMAC with the document's secret over the row and the binding). */
  readonly seal: Seal;
  /** Who typed pending Role cells, as the add-on's edit trigger saw it. */
  typedRecords(): TypedRecords;
  saveTypedRecords(records: TypedRecords): void;
  /** All data rows, in one read. */
  readRows(): SheetBlock;
  /** Writes patches to rows found by key (read again first); returns the keys whose rows are gone. */
  patchRows(patches: readonly RowPatch[]): string[];
  /**
   * Writes Status cells only, in rows found by key (the Role and key columns are read again first): one read, and
   * one write per distinct text, whatever the number of rows. A key on two rows is left alone. Returns how many
   * cells were written.
   */
  markStatuses(marks: readonly StatusMark[]): number;
  /** Writes whole rows by data-row index (one read and one write for the span they cover). */
  writeRowsAt(rows: ReadonlyMap<number, string[]>): void;
  /** Puts the header row back (someone typed over it); false when row 1 now holds a member (the header was deleted). */
  writeHeader(): boolean;
}

export interface Sheets {
  /** The spreadsheet's time zone (File › Settings), in which every time shown is written: "Asia/Taipei". */
  timeZone(): string;
  memberSheets(): MemberSheet[];
  /** The active sheet, when it is a member sheet. */
  activeMemberSheet(): MemberSheet | undefined;
  /**
   * Writes a space's rows into its sheet (created on first load), with the Name notes (empty ones clear a note
   * down to `previousRows`), and shows it; returns the sheet's name.
   */
  writeSpace(
    meta: Omit<SheetMeta, 'sheetId' | 'generation'>,
    rows: readonly MemberRow[],
    existing: MemberSheet | undefined,
    notes: ReadonlyMap<string, string>,
    previousRows: number,
  ): string;
  /** Rewrites the Preview sheet and shows it; returns its name. */
  writePreview(rows: readonly string[][]): string;
  /** Removes the Preview sheet, if any (an Apply made it stale); when it was on screen, shows `instead`. */
  removePreview(instead?: MemberSheet): void;
  appendAudit(entries: readonly AuditEntry[]): void;
  /** Audit data rows as cells (read them with domain/audit's auditRecord). */
  readAudit(): unknown[][];
}

export type WriteOrCheck = ({ patch: string; role: ApiRole } | { get: string }) & { access: Access };

export interface Chat {
  listNamedSpaces(access: Access, nameQuery?: string): ChatSpace[];
  getSpace(space: string, access: Access): ChatSpace;
  listMembers(space: string, access: Access): ChatMembership[];
  /** One parallel round trip; results in request order, undefined where no HTTP answer came. */
  sendAll(requests: readonly WriteOrCheck[]): (WaveResult | undefined)[];
  /** Fills in names and emails Chat left empty; notes (by membership name) for people still shown as an id. */
  resolveMissingNames(
    memberships: readonly ChatMembership[],
    access: Access,
  ): { memberships: ChatMembership[]; notes: Map<string, string> };
  /** People's Chat user ids by email (the Directory), for admin and app sheets; keyed by the emails asked for. */
  userIdsForEmails(emails: readonly string[], access: Access): Map<string, EmailLookup>;
}

/** A write of someone's open run that its row does not show yet: it may be in Chat (see RunStore). */
export interface UnseenWrite {
  /** Whose run it is. */
  user: string;
  to: ApiRole;
}

export interface RunStore {
  load(user: string): RunState | undefined;
  save(run: RunState): void;
  /** Stores, before they are sent, that these jobs of a saved run may reach Chat (a small write; see wave-saves.ts). */
  markSent(run: RunState, jobs: readonly RunJob[]): void;
  remove(user: string): void;
  /**
   * Memberships that someone else's open run may have changed in Chat while their rows do not show it yet (a write
   * whose answer was never read, or applied and not yet written to the sheet), each with the person whose run it is
   * and the role it asked for (see startRun and live-edit.ts).
   */
  unseenWritesOfOthers(user: string): ReadonlyMap<string, readonly UnseenWrite[]>;
  /** The person's last bulk apply in this spreadsheet, for Undo: kept where only the add-on can write. */
  saveUndo(user: string, record: UndoRecord): void;
  /** Adds a run's applied changes to the record as they are written (a new run id starts a new record). */
  appendUndo(user: string, runId: string, changes: UndoRecord['changes']): void;
  lastUndo(user: string): UndoRecord | undefined;
  /** How the person's last run here ended (see run-end.ts): kept where only the add-on can write. */
  saveEnd(user: string, end: RunEnd): void;
  lastEnd(user: string): RunEnd | undefined;
}

export interface Triggers {
  /**
   * Schedules the one-off continuation of a run, unless one is already waiting; returns why the run is paused
   * instead when it cannot be scheduled (trigger limit, authorisation).
   */
  scheduleContinuation(): string | undefined;
  /** Removes this person's continuation trigger here (and the one that fired), and any pause note. */
  deleteContinuation(triggerUid: string | undefined): void;
  /** Why this person's run here is paused (no background continuation will come), if it is. */
  pausedNote(): string | undefined;
  /** Whether this person has live editing on in this spreadsheet. */
  hasLiveEditing(email: string): boolean;
}

export interface Ui {
  /** A Yes/No dialog; true for Yes. */
  confirm(title: string, lines: readonly string[]): boolean;
  /**
   * The Apply confirmation: Yes applies everything listed; with `mineToo`, No applies only what the person typed
   * (Yes / No / Cancel); otherwise No applies nothing.
   */
  askApply(title: string, lines: readonly string[], mineToo: boolean): Answer;
  /** An OK dialog. */
  tell(message: string): void;
  toast(message: string): void;
}

export interface Ports {
  sheets: Sheets;
  /** A Chat client acting as the effective user (each one fetches its tokens once). */
  chat(): Chat;
  runs: RunStore;
  triggers: Triggers;
  ui: Ui;
  /** The effective user's email, lower-case. */
  user(): string;
  clock: Clock;
  /** The time one execution may work (a setting). */
  executionBudgetMs(): number;
  newId(): string;
  /** Runs `work` under the document lock; throws BusyError when it cannot be had within `waitMs`. */
  withLock<T>(waitMs: number, work: () => T): T;
}
