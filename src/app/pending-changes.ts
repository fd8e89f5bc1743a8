/** Reads member sheets and decides, row by row, what their Role cells ask for. */

import { decideNewRow, decideRow, describeMember, planSpace } from '../domain/changes';
import type { AuthoredChange, AuthoredLookup } from '../domain/confirmation';
import { type Cell, COL, integrityOf, type MemberRow, rowOf } from '../domain/member-row';
import { type ApiRole, uiRole } from '../domain/roles';
import { authorOf } from '../domain/typed-by';
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

export interface PlannedLookup extends AuthoredLookup {
  index: number;
}

export interface SheetPlan {
  target: MemberSheet;
  changes: AuthoredChange[];
  /** Rows to put back, with the reason (a Status is written only when there is a reason). */
  refusals: Refusal[];
  refusalPatches: RowPatch[];
  /** The role Chat answered for a membership, from its row when the row is trusted (sealed, unique); else undefined. */
  trustedRole(key: string): ApiRole | '' | undefined;
  /** Rows typed in by hand with an email and a role: looked up (resolveNewRows) before they can be applied. */
  lookups: PlannedLookup[];
  /** A person's name from a trusted row of this sheet ('' when none): who typed a change is named, not just mailed. */
  nameOf(email: string): string;
  /** The Email cell of the (last) row with this key, as the plan read it ('' when none). */
  emailOf(key: string): string;
  /** Keys of planned rows whose Role cell asks for the role their row says Chat has (nothing to send; not verified). */
  typedBack: string[];
}

/**
 * A sheet's rows, parsed once; a row is trusted only when its seal verifies for this sheet and load, its visible
 * identity is the sealed one, and no other row claims the same membership. Verification is lazy: a live edit
 * checks the rows it touches, the caller's row and the Owners', not the whole sheet.
 */
function trustOf(target: MemberSheet, values: readonly Cell[][], parsed: readonly MemberRow[]) {
  const count = new Map<string, number>();
  for (const row of parsed) count.set(row.key, (count.get(row.key) ?? 0) + 1);
  const memo = new Map<number, boolean>();
  const trusted = (index: number): boolean => {
    let known = memo.get(index);
    if (known === undefined) {
      const row = parsed[index];
      known =
        row !== undefined && count.get(row.key) === 1 && integrityOf(row, values[index] ?? [], target.seal).intact;
      memo.set(index, known);
    }
    return known;
  };
  const indexByKey = new Map(parsed.map((row, i) => [row.key, i]));
  const nameOf = (email: string) => {
    const wanted = email.toLowerCase();
    const index = parsed.findIndex((row) => row.email.toLowerCase() === wanted);
    return index >= 0 && trusted(index) ? (parsed[index]?.name ?? '') : '';
  };
  const trustedRole = (key: string) => {
    const index = indexByKey.get(key);
    return index !== undefined && trusted(index) ? (parsed[index]?.serverRole ?? undefined) : undefined;
  };
  return { trusted, trustedRole, nameOf };
}

/**
 * Plans the rows of one sheet; `only` limits the plan to some data-row indexes (an edit's range). Facts that decide
 * (the caller's own role, how many joined Owners the space keeps) come only from trusted rows: what Chat answered.
 */
export function planSheet(target: MemberSheet, callerEmail: string, only?: (index: number) => boolean): SheetPlan {
  const values = target.readRows().values;
  const parsed = values.map((cells) => rowOf(cells));
  const { trusted, trustedRole, nameOf } = trustOf(target, values, parsed);
  const caller = callerEmail.toLowerCase();
  const callerIndex = caller ? parsed.findIndex((r) => r.email.toLowerCase() === caller) : -1;
  const facts = {
    space: target.meta.space,
    spaceType: target.meta.spaceType,
    access: target.meta.access,
    callerRole: callerIndex >= 0 && trusted(callerIndex) ? parsed[callerIndex]?.serverRole || undefined : undefined,
  };
  const records = target.typedRecords();
  const changes: AuthoredChange[] = [];
  const refusals: Refusal[] = [];
  const refusalPatches: RowPatch[] = [];
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
  const lookups: PlannedLookup[] = [];
  const typedBack: string[] = [];
  parsed.forEach((row, index) => {
    if (only && !only(index)) return;
    const hasSnapshot = String(values[index]?.[COL.snapshot - 1] ?? '') !== '';
    if (!hasSnapshot && row.key === '') {
      listNewRow(row, index, target.meta.space, lookups, refusals);
      return;
    }
    rowsByKey.set(row.key, row);
    // A row asking for nothing needs no verification (the decision is "unchanged" either way): only rows that ask
    // for a change are checked, so a bulk apply verifies what it may send, not the whole sheet.
    const asksNothing = row.role === (row.serverRole ? uiRole(row.serverRole) : '');
    const decision = decideRow(row, index, asksNothing || trusted(index), facts);
    if (decision.kind === 'change') {
      changes.push({ ...decision.change, typedBy: authorOf(records, row.key, decision.change.to) });
    } else if (decision.kind === 'refuse') refuse(row, decision.restore, decision.reason);
    else {
      if (asksNothing && row.key !== '') typedBack.push(row.key);
      // Nothing asked for any more (the Role cell was typed back to the role in Chat): a "pending" note is stale.
      if (row.status.startsWith('⏳')) refusalPatches.push(statusPatch(row.key, ''));
    }
  });
  // Only joined Owners keep a space owned, and only rows Chat's answer vouches for are counted.
  const owners = parsed.filter(
    (row, i) => row.serverRole === 'ROLE_MANAGER' && row.state === 'Joined' && trusted(i),
  ).length;
  const { ordered, refused } = planSpace(changes, owners);
  for (const { change, reason } of refused) {
    const row = rowsByKey.get(change.key);
    if (row) refuse(row, uiRole(change.from), reason);
  }
  let emails: Map<string, string> | undefined;
  const emailOf = (key: string) => {
    emails ??= new Map(parsed.map((row) => [row.key, row.email]));
    return emails.get(key) ?? '';
  };
  return { target, changes: ordered, refusals, refusalPatches, trustedRole, lookups, nameOf, emailOf, typedBack };
}

/**
 * A hand-typed row (no key to find it by): resolveNewRows writes its Status by position; here it is only listed, for
 * the dry run and the confirmation.
 */
function listNewRow(row: MemberRow, index: number, space: string, lookups: PlannedLookup[], refusals: Refusal[]) {
  const added = decideNewRow(row);
  if (added.kind === 'lookup') {
    lookups.push({ space, email: added.email, requested: added.requested, typedBy: '', index });
  } else if (added.kind === 'refuse') {
    const who = row.email || row.name;
    refusals.push({ key: '', who, email: row.email, current: '', requested: row.role, reason: added.reason });
  }
}

export function planAllSheets(sheets: Sheets, callerEmail: string): SheetPlan[] {
  return sheets.memberSheets().map((target) => planSheet(target, callerEmail));
}
