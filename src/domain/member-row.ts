/**
 * The member sheet's layout and the conversion between Chat memberships and sheet rows.
 * Visible: Name, Email, Type, State, Role, Status. Hidden keys: the membership's resource name, the role last known
 * on the server, and a snapshot of the row as loaded (so edits to any other cell can be put back exactly).
 */

import type { ChatMembership } from './chat-types';
import { words } from './messages';
import { isMembershipName } from './resource-names';
import { type ApiRole, isApiRole, uiRole } from './roles';

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
}

const STATE_LABEL: Record<string, string> = { JOINED: 'Joined', INVITED: 'Invited', NOT_A_MEMBER: 'Not a member' };

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

export function rowToCells(row: MemberRow): string[] {
  const snapshot: Snapshot = { n: row.name, e: row.email, t: row.type, s: row.state, k: row.key, r: row.serverRole };
  return [
    row.name,
    row.email,
    row.type,
    row.state,
    row.role,
    row.status,
    row.key,
    row.serverRole,
    JSON.stringify(snapshot),
  ];
}

const text = (cell: Cell | undefined): string => (cell === undefined || cell === null ? '' : String(cell));

/** Reads a row back from the sheet. `intact` is false when the hidden keys disagree with the snapshot (tampering). */
export function rowFromCells(cells: readonly Cell[]): {
  row: MemberRow;
  intact: boolean;
  snapshot: MemberRow | undefined;
} {
  const serverRole = text(cells[COL.serverRole - 1]);
  const row: MemberRow = {
    name: text(cells[COL.name - 1]),
    email: text(cells[COL.email - 1]),
    type: text(cells[COL.type - 1]) as MemberKind,
    state: text(cells[COL.state - 1]),
    role: text(cells[COL.role - 1]),
    status: text(cells[COL.status - 1]),
    key: text(cells[COL.key - 1]),
    serverRole: isApiRole(serverRole) ? serverRole : '',
  };
  const snapshot = parseSnapshot(text(cells[COL.snapshot - 1]));
  const intact =
    snapshot !== undefined &&
    isMembershipName(row.key) &&
    snapshot.key === row.key &&
    snapshot.serverRole === row.serverRole &&
    serverRole === row.serverRole;
  return { row, intact, snapshot };
}

function parseSnapshot(raw: string): MemberRow | undefined {
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Partial<Snapshot>;
    if (typeof s.k !== 'string' || typeof s.n !== 'string' || typeof s.e !== 'string' || typeof s.s !== 'string')
      return undefined;
    const r = s.r === '' || isApiRole(s.r) ? s.r : undefined;
    const t = s.t === 'Person' || s.t === 'Chat app' || s.t === 'Google Group' ? s.t : undefined;
    if (r === undefined || t === undefined) return undefined;
    return {
      name: s.n,
      email: s.e,
      type: t,
      state: s.s,
      role: r ? uiRole(r) : '',
      status: '',
      key: s.k,
      serverRole: r,
    };
  } catch {
    return undefined;
  }
}

/** The cells a snapshot says the row should hold, for every column but Role and Status. */
export function restoredCells(snapshot: MemberRow, current: readonly Cell[]): string[] {
  const cells = rowToCells({ ...snapshot, role: text(current[COL.role - 1]), status: text(current[COL.status - 1]) });
  return cells;
}
