/** Reads a member sheet and decides, row by row, what its Role cells ask for. */

import { decideRow, planSpace, type RoleChange } from '../domain/changes';
import { type MemberRow, rowFromCells } from '../domain/member-row';
import { type ApiRole, uiRole } from '../domain/roles';
import { type MemberSheet, type RowPatch, readRows } from './member-sheet';
import { refusalPatch } from './row-updates';

export interface SheetPlan {
  target: MemberSheet;
  changes: RoleChange[];
  refusals: RowPatch[];
  /** Rows as read, by key, with the Role cell value each decision was based on. */
  rows: Map<string, { row: MemberRow; snapshot: MemberRow; role: string }>;
}

/** The caller's own role in the space, from the row with their email (undefined when not listed). */
function callerRole(rows: readonly MemberRow[], email: string): ApiRole | undefined {
  if (!email) return undefined;
  const own = rows.find((r) => r.email.toLowerCase() === email.toLowerCase());
  return own?.serverRole || undefined;
}

/** Plans the rows of one sheet; `only` limits the plan to some data-row indexes (an edit's range). */
export function planSheet(target: MemberSheet, callerEmail: string, only?: (index: number) => boolean): SheetPlan {
  const { values } = readRows(target.sheet);
  const parsed = values.map((cells) => rowFromCells(cells));
  const facts = {
    space: target.meta.space,
    spaceType: target.meta.spaceType,
    callerRole: callerRole(
      parsed.map((p) => p.row),
      callerEmail,
    ),
  };
  const changes: RoleChange[] = [];
  const refusals: RowPatch[] = [];
  const rows: SheetPlan['rows'] = new Map();
  parsed.forEach(({ row, intact, snapshot }, index) => {
    if (only && !only(index)) return;
    const decision = decideRow(row, index, intact, facts);
    if (decision.kind === 'change') {
      changes.push(decision.change);
      if (snapshot) rows.set(row.key, { row, snapshot, role: row.role });
    } else if (decision.kind === 'refuse') {
      refusals.push(refusalPatch(row.key, row.role, decision.restore, decision.reason));
    }
  });
  const owners = parsed.filter((p) => p.row.serverRole === 'ROLE_MANAGER' && p.row.state === 'Joined').length;
  const { ordered, refused } = planSpace(changes, owners);
  for (const { change, reason } of refused) {
    const seen = rows.get(change.key);
    refusals.push(refusalPatch(change.key, seen?.role ?? '', uiRole(change.from), reason));
  }
  return { target, changes: ordered, refusals, rows };
}
