/**
 * The add-on's own record of a person's last bulk apply, for Undo. It is kept where only the add-on can write (the
 * person's user properties), never read back from the Audit sheet: any editor can append an Audit row with the
 * run's id, and Undo would then make them Owner. Compact, because a property store holds 500 kB.
 */

import { type Access, isAccess } from './access';
import type { RoleChange } from './changes';
import { spaceOfMembership } from './resource-names';
import { type ApiRole, isApiRole, uiRole } from './roles';

export interface UndoChange {
  key: string;
  who: string;
  from: ApiRole;
  to: ApiRole;
  access: Access;
}

export interface UndoRecord {
  runId: string;
  /** What the run applied, in the order it applied it. */
  changes: UndoChange[];
}

/** Above this, a run is too large to undo from the record (the Audit sheet still lists every change). */
export const MAX_UNDO_CHARS = 250_000;

const ROLES: ApiRole[] = ['ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER'];

/** The record as text, or undefined when it would be too large to keep. */
export function encodeUndo(record: UndoRecord): string | undefined {
  const text = JSON.stringify({
    v: 1,
    id: record.runId,
    c: record.changes.map((c) => [c.key, c.who, ROLES.indexOf(c.from), ROLES.indexOf(c.to), c.access]),
  });
  return text.length <= MAX_UNDO_CHARS ? text : undefined;
}

export function decodeUndo(text: string | undefined): UndoRecord | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as { v?: number; id?: unknown; c?: unknown };
    if (raw.v !== 1 || typeof raw.id !== 'string' || !Array.isArray(raw.c)) return undefined;
    const changes: UndoChange[] = [];
    for (const entry of raw.c as unknown[][]) {
      const [key, who, from, to, access] = entry;
      const f = ROLES[Number(from)];
      const t = ROLES[Number(to)];
      if (typeof key !== 'string' || !isApiRole(f) || !isApiRole(t) || !isAccess(access)) return undefined;
      changes.push({ key, who: String(who ?? ''), from: f, to: t, access });
    }
    return { runId: raw.id, changes };
  } catch {
    return undefined;
  }
}

export interface UndoSkip {
  key: string;
  who: string;
  reason: string;
}

/**
 * Changes that undo a run: every change it applied, reversed, newest first, with the access it was made with. A
 * member whose role has changed again since (the role Chat answered at the last load or apply, from a trusted row,
 * is no longer the run's new role) is left out and reported, so an undo never overwrites someone's later change.
 */
export function inversePlan(
  record: UndoRecord,
  currentRole: (key: string) => ApiRole | '' | undefined,
  words: { notLoaded: string; changedSince: (now: string) => string; noRole: string },
): { changes: RoleChange[]; skipped: UndoSkip[] } {
  const changes: RoleChange[] = [];
  const skipped: UndoSkip[] = [];
  const seen = new Set<string>();
  for (let i = record.changes.length - 1; i >= 0; i--) {
    const c = record.changes[i] as UndoChange;
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const now = currentRole(c.key);
    if (now !== c.to) {
      const reason = now === undefined ? words.notLoaded : words.changedSince(now ? uiRole(now) : words.noRole);
      skipped.push({ key: c.key, who: c.who, reason });
      continue;
    }
    const space = spaceOfMembership(c.key);
    if (!space) continue;
    changes.push({ access: c.access, index: -1, key: c.key, space, who: c.who, from: c.to, to: c.from });
  }
  return { changes, skipped };
}
