/**
 * Deciding what a member row asks for. A row whose Role cell differs from the role last known on the server is a
 * pending change; this module validates it with the rules the Chat API enforces, so most refusals are explained
 * before any request is sent, and orders the changes of a space so an Owner is promoted before another is demoted.
 */

import type { Access } from './access';
import type { MemberRow } from './member-row';
import { words } from './messages';
import { spaceOfMembership } from './resource-names';
import { type ApiRole, namesRole, parseRole, rank, uiRole } from './roles';

export interface RoleChange {
  /** How the change is sent: as the sheet was loaded (user, Workspace admin, or the Chat app). */
  access: Access;
  /** 0-based index of the row in the sheet's data block. */
  index: number;
  key: string;
  space: string;
  who: string;
  from: ApiRole;
  to: ApiRole;
}

export type RowDecision =
  | { kind: 'unchanged' }
  | { kind: 'change'; change: RoleChange }
  /** `restore` is the UI role the cell should go back to (the server's). */
  | { kind: 'refuse'; reason: string; restore: string };

export interface SpaceFacts {
  space: string;
  spaceType: string;
  access: Access;
  /** The role of the person applying the change, when the sheet knows it. */
  callerRole: ApiRole | undefined;
}

export function describeMember(row: Pick<MemberRow, 'name' | 'email' | 'key'>): string {
  return row.name || row.email || row.key;
}

/** Validates one row's Role cell against its server role. */
export function decideRow(row: MemberRow, index: number, intact: boolean, facts: SpaceFacts): RowDecision {
  const serverUi = row.serverRole ? uiRole(row.serverRole) : '';
  // The role's name in any language counts as unchanged: a sheet loaded in English is shared with zh-TW readers.
  const same = namesRole(row.role, row.serverRole);
  const w = words().reason;
  if (!intact || spaceOfMembership(row.key) !== facts.space) {
    if (same) return { kind: 'unchanged' };
    return { kind: 'refuse', reason: w.keysChanged, restore: serverUi };
  }
  if (row.type === 'Google Group') {
    return row.role === '' ? { kind: 'unchanged' } : { kind: 'refuse', reason: w.groupNoRole, restore: '' };
  }
  const parsed = parseRole(row.role);
  if (!parsed.ok) return { kind: 'refuse', reason: parsed.reason, restore: serverUi };
  if (!row.serverRole || parsed.role === row.serverRole) {
    return same ? { kind: 'unchanged' } : { kind: 'refuse', reason: '', restore: serverUi };
  }
  const refuse = (reason: string): RowDecision => ({ kind: 'refuse', reason, restore: serverUi });
  if (row.type === 'Chat app') return refuse(w.appRole);
  if (facts.spaceType !== 'SPACE' && parsed.role !== 'ROLE_MEMBER') return refuse(w.namedSpacesOnly);
  // With admin or app access the person's own role in the space does not limit what can be changed.
  if (facts.access === 'user' && facts.callerRole === 'ROLE_MEMBER') return refuse(w.memberCannot);
  if (
    facts.access === 'user' &&
    facts.callerRole === 'ROLE_ASSISTANT_MANAGER' &&
    (parsed.role === 'ROLE_MANAGER' || row.serverRole === 'ROLE_MANAGER')
  ) {
    return refuse(w.managerCannot);
  }
  return {
    kind: 'change',
    change: {
      access: facts.access,
      index,
      key: row.key,
      space: facts.space,
      who: describeMember(row),
      from: row.serverRole,
      to: parsed.role,
    },
  };
}

/**
 * Orders one space's changes (promotions first, demotions last) and refuses the demotions that would leave the
 * space without an Owner. `owners` is the number of Owners the server has now.
 */
export function planSpace<T extends RoleChange>(
  changes: readonly T[],
  owners: number,
): { ordered: T[]; refused: { change: T; reason: string }[] } {
  const sorted = [...changes].sort(
    (a, b) => rank(b.to) - rank(b.from) - (rank(a.to) - rank(a.from)) || a.index - b.index,
  );
  let remaining = owners + sorted.filter((c) => c.to === 'ROLE_MANAGER' && c.from !== 'ROLE_MANAGER').length;
  const ordered: T[] = [];
  const refused: { change: T; reason: string }[] = [];
  for (const change of sorted) {
    if (change.from === 'ROLE_MANAGER' && change.to !== 'ROLE_MANAGER') {
      if (remaining <= 1) {
        refused.push({ change, reason: words().reason.keepOwner });
        continue;
      }
      remaining--;
    }
    ordered.push(change);
  }
  return { ordered, refused };
}

/** Counts per space and per kind of change, for the confirmation summary. */
export function summarize(changes: readonly RoleChange[], spaceNames: ReadonlyMap<string, string>): string[] {
  const bySpace = new Map<string, Map<string, number>>();
  for (const c of changes) {
    const kinds = bySpace.get(c.space) ?? new Map<string, number>();
    const label = `${uiRole(c.from)} → ${uiRole(c.to)}`;
    kinds.set(label, (kinds.get(label) ?? 0) + 1);
    bySpace.set(c.space, kinds);
  }
  return [...bySpace].map(([space, kinds]) => {
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    const parts = [...kinds].map(([label, n]) => `${label} ×${n}`).join(', ');
    return words().dialog.summaryLine(spaceNames.get(space) ?? space, total, parts);
  });
}

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,}$/;

export type NewRowDecision =
  | { kind: 'lookup'; email: string; requested: ApiRole }
  | { kind: 'refuse'; reason: string }
  | { kind: 'blank' };

/**
 * A row typed in by hand (no keys, no snapshot): an email in Email (or Name) plus a role means "this person, this
 * role". The person must already be a member: the row is looked up by the `{member}` email alias. A row with no role
 * asks for nothing.
 */
export function decideNewRow(row: MemberRow): NewRowDecision {
  // No role asks for nothing (a row being typed, or one whose Role was put back after a refusal).
  if (row.role.trim() === '') return { kind: 'blank' };
  const email = [row.email, row.name].map((s) => s.trim()).find((s) => EMAIL.test(s));
  if (!email) return { kind: 'refuse', reason: words().reason.typeEmail };
  const parsed = parseRole(row.role);
  if (!parsed.ok) return { kind: 'refuse', reason: parsed.reason };
  return { kind: 'lookup', email, requested: parsed.role };
}
