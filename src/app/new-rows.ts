/**
 * Rows added by email: before planning, each hand-typed row with an email and a role is looked up through the
 * `spaces/{space}/members/{email}` alias and, when the person is a member, filled in with the membership (keys
 * included), so the planner then sees an ordinary pending change. Adding people to a space is out of scope: a person
 * who is not a member gets a clear Status, and the row's Role is put back (to empty: the person has no role here),
 * so the row asks for nothing and later Applies neither count it nor look it up again. A failed lookup (no answer,
 * an error) keeps its Role, to be tried again. Each row not filled in is named in the report, with the reason.
 */

import { parseFailure } from '../domain/api-errors';
import { decideNewRow } from '../domain/changes';
import type { ChatMembership } from '../domain/chat-types';
import { emailLookupFrom } from '../domain/email-lookup';
import { userMessage } from '../domain/errors';
import { COL, COLUMN_COUNT, keyCell, rowFromMembership, rowOf, rowToCells, snapshotIn } from '../domain/member-row';
import { words } from '../domain/messages';
import { isMembershipName } from '../domain/resource-names';
import { uiRole } from '../domain/roles';
import { statusText } from '../domain/status';
import type { Chat, MemberSheet, SheetBlock } from './ports';

/** A typed row that was not filled in: who it named (the email, or what was typed) and why. */
export interface NotApplied {
  who: string;
  reason: string;
}

export interface NewRowReport {
  found: number;
  notMembers: number;
  refused: number;
  notApplied: NotApplied[];
}

interface Lookup {
  index: number;
  email: string;
  key: string;
  typedRole: string;
}

/** What one pass over the sheet builds up: the report, the rows to write back, and the memberships already listed. */
interface Pass {
  target: MemberSheet;
  api: Chat;
  cells: SheetBlock['values'];
  report: NewRowReport;
  updates: Map<number, string[]>;
  /** Memberships the sheet lists (its rows' snapshots, then the rows filled in): filled when rows are looked up. */
  known: Set<string>;
}

/** Looks up and fills in the sheet's hand-typed rows (only those `only` accepts, by data-row index). */
export function resolveNewRows(
  target: MemberSheet,
  api: Chat,
  only: (index: number) => boolean = () => true,
): NewRowReport {
  const pass: Pass = {
    target,
    api,
    cells: target.readRows().values,
    report: { found: 0, notMembers: 0, refused: 0, notApplied: [] },
    updates: new Map(),
    known: new Set(),
  };
  let lookups = typedRows(pass, only);
  // The email alias is documented for user authentication only: admin and app sheets read members/{id}.
  if (target.meta.access !== 'user' && lookups.length > 0) lookups = byUserId(pass, lookups);
  if (lookups.length > 0) readMemberships(pass, lookups);
  target.writeRowsAt(pass.updates);
  return pass.report;
}

/** The hand-typed rows to look up; rows that cannot be (no email, a bad one) are refused with their reason. */
function typedRows(pass: Pass, only: (index: number) => boolean): Lookup[] {
  const lookups: Lookup[] = [];
  pass.cells.forEach((cells, index) => {
    // A row with a key (every loaded row) or a snapshot is not typed in; the memberships listed are gathered from
    // the snapshots only when some row is looked up (knownKeys), not on every Apply.
    if (keyCell(cells) !== '' || snapshotIn(cells)) return;
    const row = rowOf(cells);
    if (!only(index)) return;
    const decision = decideNewRow(row);
    if (decision.kind === 'blank') return;
    const space = pass.target.meta.space;
    const key = decision.kind === 'lookup' ? `${space}/members/${decision.email.toLowerCase()}` : '';
    if (decision.kind === 'refuse' || !isMembershipName(key)) {
      const reason = decision.kind === 'refuse' ? decision.reason : words().reason.emailNoLookup;
      refuse(pass, index, row.email || row.name, reason);
      return;
    }
    lookups.push({ index, email: decision.email, key, typedRole: uiRole(decision.requested) });
  });
  return lookups;
}

/** Admin and app sheets: each email resolved to a user id first (Directory or People); the rest refused. */
function byUserId(pass: Pass, lookups: Lookup[]): Lookup[] {
  const prefix = `${pass.target.meta.space}/members/`;
  const emails = lookups.map((l) => l.key.slice(prefix.length));
  const ids = pass.api.userIdsForEmails(emails, pass.target.meta.access);
  return lookups.filter((lookup, i) => {
    const found = ids.get(emails[i] as string) ?? emailLookupFrom(undefined, '');
    if ('id' in found) {
      lookup.key = `${prefix}${found.id}`;
      return true;
    }
    if ('notFound' in found) refuse(pass, lookup.index, lookup.email, words().emailLookup.notInDirectory);
    else fail(pass, lookup.index, lookup.email, found.failed);
    return false;
  });
}

/** Reads each membership: a member's row is filled in (asking for the typed role); a 404 means not a member. */
function readMemberships(pass: Pass, lookups: readonly Lookup[]): void {
  const { target, api } = pass;
  for (const cells of pass.cells) {
    const snapshot = snapshotIn(cells);
    if (snapshot) pass.known.add(snapshot.key);
  }
  const results = api.sendAll(lookups.map((l) => ({ get: l.key, access: target.meta.access })));
  lookups.forEach((lookup, i) => {
    const result = results[i];
    if (result?.status === 404) {
      pass.report.notMembers++;
      refuse(pass, lookup.index, lookup.email, words().reason.notAMember);
      return;
    }
    if (result?.status !== 200) {
      const reason = result ? userMessage(parseFailure(result.status, result.body)) : words().reason.noAnswer;
      fail(pass, lookup.index, lookup.email, reason);
      return;
    }
    // With admin or app access Chat gives no name or email: look them up as a load does.
    const [named] = api.resolveMissingNames(
      [JSON.parse(result.body) as ChatMembership],
      target.meta.access,
    ).memberships;
    const member = rowFromMembership(named ?? {});
    if (pass.known.has(member.key)) {
      refuse(pass, lookup.index, lookup.email, words().reason.alreadyListed);
      return;
    }
    pass.known.add(member.key);
    pass.report.found++;
    // The row becomes an ordinary member row whose Role asks for the typed role.
    pass.updates.set(lookup.index, rowToCells({ ...member, role: lookup.typedRole, status: '' }, target.seal));
  });
}

/** A typed row that will not be filled in: its Status says why, and its Role is put back to empty. */
function refuse(pass: Pass, index: number, who: string, reason: string): void {
  pass.report.refused++;
  pass.report.notApplied.push({ who, reason });
  const set = new Map([
    [COL.role, ''],
    [COL.status, statusText.refused(reason)],
  ]);
  pass.updates.set(index, withCells(pass.cells[index] ?? [], set));
}

/** A typed row whose lookup failed: its Status says why; its Role stays, to be tried again. */
function fail(pass: Pass, index: number, who: string, reason: string): void {
  pass.report.refused++;
  pass.report.notApplied.push({ who, reason });
  pass.updates.set(index, withCells(pass.cells[index] ?? [], new Map([[COL.status, statusText.failed(reason)]])));
}

function withCells(cells: readonly unknown[], set: ReadonlyMap<number, string>): string[] {
  const out = Array.from({ length: COLUMN_COUNT }, (_, i) => String(cells[i] ?? ''));
  for (const [col, value] of set) out[col - 1] = value;
  return out;
}
