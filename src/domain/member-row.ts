/**
 * The member sheet's layout and the conversion between Chat memberships and sheet rows.
 * Visible: Name, Email, Type, State, Role, Status. Hidden keys: the membership's resource name, the role last known
 * on the server, and a snapshot of the row as loaded (so edits to any other cell can be put back exactly).
 */

import type { ChatMembership } from './chat-types';
import { CATALOGUES, type Messages, words } from './messages';
import { isMembershipName } from './resource-names';
import { type ApiRole, isApiRole, uiRole } from './roles';
import { type SealedFields, sealsMatch } from './row-seal';

/** The header row in the person's language (nothing reads headers back: columns are found by position). */
export const memberHeaders = (): string[] => [...words().headers.member];
export const COLUMN_COUNT = 9;
/** 1-based column numbers, as SpreadsheetApp counts. */
export const COL = {
  name: 1,
  email: 2,
  type: 3,
  state: 4,
  role: 5,
  status: 6,
  key: 7,
  serverRole: 8,
  snapshot: 9,
} as const;
export const FIRST_HIDDEN_COL = COL.key;
export const HIDDEN_COLUMN_COUNT = 3;
export const HEADER_ROWS = 1;

export type MemberKind = 'Person' | 'Chat app' | 'Google Group';

export interface MemberRow {
  name: string;
  email: string;
  type: MemberKind;
  state: string;
  /** The Role cell as it is now: the user's intent. */
  role: string;
  status: string;
  key: string;
  serverRole: ApiRole | '';
}

export type Cell = string | number | boolean | Date;

interface Snapshot {
  n: string;
  e: string;
  t: MemberKind;
  s: string;
  k: string;
  r: ApiRole | '';
  /** The seal (see row-seal.ts): only the add-on can compute it. */
  m?: string;
}

/** Computes a row's seal for the sheet it belongs to (the member sheet binds the secret and the sheet's context). */
export type Seal = (fields: SealedFields) => string;

const sealedFields = (row: Pick<MemberRow, 'name' | 'email' | 'type' | 'state' | 'key' | 'serverRole'>) =>
  [row.name, row.email, row.type, row.state, row.key, row.serverRole] as const;

const STATE_LABEL: Record<string, string> = { JOINED: 'Joined', INVITED: 'Invited', NOT_A_MEMBER: 'Not a member' };
/** The State of a member who left since the sheet was loaded (kept listed, with a note). */
export const LEFT_STATE = 'Left';

// Type and State are kept (and sealed) as the add-on's own English labels; the cells show them in the person's
// language, and any catalogue's words read back as the same label, so a sheet can be shared across languages.
const KIND_KEY = { Person: 'person', 'Chat app': 'app', 'Google Group': 'group' } as const;
const STATE_KEY: Record<string, keyof Messages['states']> = {
  Joined: 'JOINED',
  Invited: 'INVITED',
  'Not a member': 'NOT_A_MEMBER',
  [LEFT_STATE]: 'LEFT',
};
const shownKind = (kind: MemberKind) => (KIND_KEY[kind] ? words().kinds[KIND_KEY[kind]] : kind);
const shownState = (state: string) => (STATE_KEY[state] ? words().states[STATE_KEY[state]] : state);

/**
 * Every catalogue's word for each Type and State, to the add-on's label: rowOf reads every row of every sheet a run
 * or a plan looks at, and searching the catalogues cell by cell was a good part of that. Built on first use; where
 * two labels share a word, the first in KIND_KEY / STATE_KEY order wins, as a search in that order would.
 */
let labels: { kinds: Map<string, MemberKind>; states: Map<string, string> } | undefined;

function labelsByWord() {
  if (labels) return labels;
  const kinds = new Map<string, MemberKind>();
  const states = new Map<string, string>();
  for (const [kind, key] of Object.entries(KIND_KEY))
    for (const m of Object.values(CATALOGUES))
      if (!kinds.has(m.kinds[key])) kinds.set(m.kinds[key], kind as MemberKind);
  for (const [state, key] of Object.entries(STATE_KEY))
    for (const m of Object.values(CATALOGUES)) if (!states.has(m.states[key])) states.set(m.states[key], state);
  labels = { kinds, states };
  return labels;
}

const kindFrom = (text: string): MemberKind => labelsByWord().kinds.get(text) ?? (text as MemberKind);
const stateFrom = (text: string): string => labelsByWord().states.get(text) ?? text;

export function rowFromMembership(m: ChatMembership): MemberRow {
  const kind: MemberKind = m.groupMember ? 'Google Group' : m.member?.type === 'BOT' ? 'Chat app' : 'Person';
  const serverRole = isApiRole(m.role) ? m.role : '';
  const fallbackName = m.groupMember?.name ?? m.member?.name ?? '';
  return {
    name: m.member?.displayName || fallbackName,
    email: m.member?.email ?? '',
    type: kind,
    state: STATE_LABEL[m.state ?? ''] ?? m.state ?? '',
    role: serverRole ? uiRole(serverRole) : '',
    status: '',
    key: m.name ?? '',
    serverRole,
  };
}

/** The row's cells; with `seal`, its snapshot carries the seal that makes the row trusted. */
export function rowToCells(row: MemberRow, seal?: Seal): string[] {
  const snapshot: Snapshot = { n: row.name, e: row.email, t: row.type, s: row.state, k: row.key, r: row.serverRole };
  if (seal) snapshot.m = seal(sealedFields(row));
  return [
    row.name,
    row.email,
    shownKind(row.type),
    shownState(row.state),
    row.role,
    row.status,
    row.key,
    row.serverRole,
    JSON.stringify(snapshot),
  ];
}

// Most cells read back as strings (the sheet is plain text): those are returned without a conversion.
const text = (cell: Cell | undefined): string =>
  typeof cell === 'string' ? cell : cell === undefined || cell === null ? '' : String(cell);

/**
 * Reads a row back from the sheet. `intact` is false when the hidden keys disagree with the snapshot (tampering);
 * with `seal`, also when the snapshot's seal does not verify or the visible Name, Email, Type and State are not the
 * ones sealed (another member's hidden cells pasted under this name). Anything that decides what to send passes it.
 */
export function rowFromCells(
  cells: readonly Cell[],
  seal?: Seal,
): {
  row: MemberRow;
  intact: boolean;
  snapshot: MemberRow | undefined;
} {
  const row = rowOf(cells);
  return { row, ...integrityOf(row, cells, seal) };
}

/** rowFromCells' verdict on a row already read with rowOf(cells): a plan reads every row once and checks some. */
export function integrityOf(
  row: MemberRow,
  cells: readonly Cell[],
  seal?: Seal,
): { intact: boolean; snapshot: MemberRow | undefined } {
  const { snapshot, seal: stored } = parseSnapshot(text(cells[COL.snapshot - 1]));
  const intact =
    snapshot !== undefined &&
    isMembershipName(row.key) &&
    snapshot.key === row.key &&
    snapshot.serverRole === row.serverRole &&
    text(cells[COL.serverRole - 1]) === row.serverRole &&
    (!seal || (sealVerifies(snapshot, stored, seal) && sameIdentity(row, snapshot)));
  return { intact, snapshot };
}

/** A row's membership key cell, as text. */
export const keyCell = (cells: readonly Cell[]): string => text(cells[COL.key - 1]);

/** The snapshot a row's cells hold, sealed or not (undefined when there is none or it does not parse). */
export const snapshotIn = (cells: readonly Cell[]): MemberRow | undefined =>
  parseSnapshot(text(cells[COL.snapshot - 1])).snapshot;

/**
 * A row's cells as they read, trusting nothing: without its snapshot, which is parsed (a JSON cell a row) only where
 * the row's integrity matters. A run reading every sheet to see what the Role cells ask for needs no more.
 */
export function rowOf(cells: readonly Cell[]): MemberRow {
  const serverRole = text(cells[COL.serverRole - 1]);
  return {
    name: text(cells[COL.name - 1]),
    email: text(cells[COL.email - 1]),
    type: kindFrom(text(cells[COL.type - 1])),
    state: stateFrom(text(cells[COL.state - 1])),
    role: text(cells[COL.role - 1]),
    status: text(cells[COL.status - 1]),
    key: text(cells[COL.key - 1]),
    serverRole: isApiRole(serverRole) ? serverRole : '',
  };
}

/** Whether a snapshot was sealed by the add-on for this sheet (and this load). */
export function sealVerifies(snapshot: MemberRow, stored: string | undefined, seal: Seal): boolean {
  return stored !== undefined && sealsMatch(seal(sealedFields(snapshot)), stored);
}

/** The seal stored in a snapshot cell, if any. */
export function storedSeal(snapshotCell: string): string | undefined {
  return parseSnapshot(snapshotCell).seal;
}

/** The snapshot a cell holds when its seal verifies (parsed once), else undefined. */
export function sealedSnapshot(snapshotCell: string, seal: Seal): MemberRow | undefined {
  const { snapshot, seal: stored } = parseSnapshot(snapshotCell);
  return snapshot && sealVerifies(snapshot, stored, seal) ? snapshot : undefined;
}

const sameIdentity = (row: MemberRow, snapshot: MemberRow) =>
  row.name === snapshot.name &&
  row.email === snapshot.email &&
  row.type === snapshot.type &&
  row.state === snapshot.state;

function parseSnapshot(raw: string): { snapshot: MemberRow | undefined; seal: string | undefined } {
  const none = { snapshot: undefined, seal: undefined };
  if (!raw) return none;
  try {
    const s = JSON.parse(raw) as Partial<Snapshot>;
    if (typeof s.k !== 'string' || typeof s.n !== 'string' || typeof s.e !== 'string' || typeof s.s !== 'string')
      return none;
    const r = s.r === '' || isApiRole(s.r) ? s.r : undefined;
    const t = s.t === 'Person' || s.t === 'Chat app' || s.t === 'Google Group' ? s.t : undefined;
    if (r === undefined || t === undefined) return none;
    const snapshot: MemberRow = {
      name: s.n,
      email: s.e,
      type: t,
      state: s.s,
      role: r ? uiRole(r) : '',
      status: '',
      key: s.k,
      serverRole: r,
    };
    return { snapshot, seal: typeof s.m === 'string' ? s.m : undefined };
  } catch {
    return none;
  }
}
