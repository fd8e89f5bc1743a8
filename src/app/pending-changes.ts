/** Reads member sheets and decides, row by row, what their Role cells ask for. */

import { decideNewRow, decideRow, describeMember, planSpace, type RoleChange } from '../domain/changes';
import { type MemberRow, rowFromCells } from '../domain/member-row';
import { type ApiRole, uiRole } from '../domain/roles';
import type { MemberSheet, RowPatch, Sheets } from './ports';
import { refusalPatch, statusPatch } from './row-updates';

export interface Refusal {
  key: string;
  who: string;
  email: string;
  current: string;
  requested: string;
  reason: string;
}

export interface SheetPlan {
  target: MemberSheet;
  changes: RoleChange[];
  /** Rows to put back, with the reason (a Status is written only when there is a reason). */
  refusals: Refusal[];
  refusalPatches: RowPatch[];
  /** The server role of every row, by key (for undo). */
  serverRoles: Map<string, ApiRole | ''>;
  /** Rows typed in by hand with an email and a role: looked up (resolveNewRows) before they can be applied. */
  lookups: { index: number; email: string; requested: ApiRole }[];
}

/** The caller's own role in the space, from the row with their email (undefined when not listed). */
function callerRole(rows: readonly MemberRow[], email: string): ApiRole | undefined {
  if (!email) return undefined;
  const own = rows.find((r) => r.email.toLowerCase() === email.toLowerCase());
  return own?.serverRole || undefined;
}

/** Plans the rows of one sheet; `only` limits the plan to some data-row indexes (an edit's range). */
export function planSheet(target: MemberSheet, callerEmail: string, only?: (index: number) => boolean): SheetPlan {
  const parsed = target.readRows().values.map((cells) => rowFromCells(cells));
  const facts = {
    space: target.meta.space,
    spaceType: target.meta.spaceType,
    access: target.meta.access,
    callerRole: callerRole(
      parsed.map((p) => p.row),
      callerEmail,
    ),
  };
  const changes: RoleChange[] = [];
  const refusals: Refusal[] = [];
  const refusalPatches: RowPatch[] = [];
  const serverRoles = new Map<string, ApiRole | ''>();
  const rowsByKey = new Map<string, MemberRow>();
  const refuse = (row: MemberRow, restore: string, reason: string) => {
    refusalPatches.push(refusalPatch(row.key, row.role, restore, reason));
    if (reason) {
      refusals.push({
        key: row.key,
        who: describeMember(row),
        email: row.email,
        current: restore,
        requested: row.role,
        reason,
      });
    }
  };
  const lookups: SheetPlan['lookups'] = [];
  parsed.forEach(({ row, intact, snapshot }, index) => {
    if (intact) serverRoles.set(row.key, row.serverRole);
    if (only && !only(index)) return;
    if (!snapshot && row.key === '') {
      // A hand-typed row (no key to find it by): resolveNewRows writes its Status by position; here it is only
      // listed, for the dry run and the confirmation.
      const added = decideNewRow(row);
      if (added.kind === 'lookup') lookups.push({ index, email: added.email, requested: added.requested });
      else if (added.kind === 'refuse') {
        refusals.push({
          key: '',
          who: row.email || row.name,
          email: row.email,
          current: '',
          requested: row.role,
          reason: added.reason,
        });
      }
      return;
    }
    rowsByKey.set(row.key, row);
    const decision = decideRow(row, index, intact, facts);
    if (decision.kind === 'change') changes.push(decision.change);
    else if (decision.kind === 'refuse') refuse(row, decision.restore, decision.reason);
    // Nothing asked for any more (the Role cell was typed back to the role in Chat): a "pending" note is stale.
    else if (row.status.startsWith('⏳')) refusalPatches.push(statusPatch(row.key, ''));
  });
  const owners = parsed.filter((p) => p.row.serverRole === 'ROLE_MANAGER' && p.row.state === 'Joined').length;
  const { ordered, refused } = planSpace(changes, owners);
  for (const { change, reason } of refused) {
    const row = rowsByKey.get(change.key);
    if (row) refuse(row, uiRole(change.from), reason);
  }
  return { target, changes: ordered, refusals, refusalPatches, serverRoles, lookups };
}

export function planAllSheets(sheets: Sheets, callerEmail: string): SheetPlan[] {
  return sheets.memberSheets().map((target) => planSheet(target, callerEmail));
}
