/** Turns decisions and API outcomes into the cell updates written back to a member sheet. */

import type { RoleChange } from '../domain/changes';
import { COL, type MemberRow, rowToCells } from '../domain/member-row';
import { type ApiRole, uiRole } from '../domain/roles';
import { stamp, statusText } from '../domain/status';
import type { Outcome } from './apply-engine';
import type { RowPatch } from './member-sheet';

/** Hidden-key cells for a row whose server role is now `serverRole`. */
function keyCells(row: MemberRow, serverRole: ApiRole): [number, string][] {
  const cells = rowToCells({ ...row, serverRole });
  return [
    [COL.serverRole, cells[COL.serverRole - 1] as string],
    [COL.snapshot, cells[COL.snapshot - 1] as string],
  ];
}

export function outcomePatch(outcome: Outcome, row: MemberRow, expectRole: string, now: Date): RowPatch {
  const { change } = outcome;
  if (outcome.kind === 'applied') {
    return {
      key: change.key,
      expectRole,
      cells: new Map([
        [COL.role, uiRole(change.to)],
        [COL.status, statusText.applied(change.to, stamp(now))],
        ...keyCells(row, change.to),
      ]),
    };
  }
  if (outcome.kind === 'failed') {
    return {
      key: change.key,
      expectRole,
      cells: new Map([
        [COL.role, uiRole(change.from)],
        [COL.status, statusText.failed(outcome.reason)],
      ]),
    };
  }
  return { key: change.key, expectRole, cells: new Map([[COL.status, statusText.pendingTimeLimit()]]) };
}

export function refusalPatch(key: string, expectRole: string, restore: string, reason: string): RowPatch {
  const cells = new Map<number, string>([[COL.role, restore]]);
  if (reason) cells.set(COL.status, statusText.refused(reason));
  return { key, expectRole, cells };
}

export function statusPatch(change: Pick<RoleChange, 'key'>, expectRole: string, status: string): RowPatch {
  return { key: change.key, expectRole, cells: new Map([[COL.status, status]]) };
}
