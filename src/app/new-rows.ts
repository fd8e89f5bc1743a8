/**
 * Rows added by email: before planning, each hand-typed row with an email and a role is looked up through the
 * `spaces/{space}/members/{email}` alias and, when the person is a member, filled in with the membership (keys
 * included), so the planner then sees an ordinary pending change. Adding people to a space is out of scope: a person
 * who is not a member gets a clear Status.
 */

import { parseFailure } from '../domain/api-errors';
import { decideNewRow } from '../domain/changes';
import type { ChatMembership } from '../domain/chat-types';
import { emailLookupFrom } from '../domain/email-lookup';
import { userMessage } from '../domain/errors';
import { COL, COLUMN_COUNT, rowFromCells, rowFromMembership, rowToCells } from '../domain/member-row';
import { words } from '../domain/messages';
import { isMembershipName } from '../domain/resource-names';
import { uiRole } from '../domain/roles';
import { statusText } from '../domain/status';
import type { Chat, MemberSheet } from './ports';

export interface NewRowReport {
  found: number;
  notMembers: number;
  refused: number;
}

/** Looks up and fills in the sheet's hand-typed rows (only those `only` accepts, by data-row index). */
export function resolveNewRows(
  target: MemberSheet,
  api: Chat,
  only: (index: number) => boolean = () => true,
): NewRowReport {
  const report: NewRowReport = { found: 0, notMembers: 0, refused: 0 };
  const block = target.readRows();
  const known = new Set<string>();
  const lookups: { index: number; key: string; typedRole: string }[] = [];
  const updates = new Map<number, string[]>();
  block.values.forEach((cells, index) => {
    const { row, snapshot } = rowFromCells(cells);
    if (snapshot) {
      known.add(snapshot.key);
      return;
    }
    if (row.key !== '' || !only(index)) return;
    const decision = decideNewRow(row);
    if (decision.kind === 'blank') return;
    const key = decision.kind === 'lookup' ? `${target.meta.space}/members/${decision.email.toLowerCase()}` : '';
    if (decision.kind === 'refuse' || !isMembershipName(key)) {
      report.refused++;
      const reason = decision.kind === 'refuse' ? decision.reason : words().reason.emailNoLookup;
      updates.set(index, withCells(cells, new Map([[COL.status, statusText.refused(reason)]])));
      return;
    }
    lookups.push({ index, key, typedRole: uiRole(decision.requested) });
  });
  if (target.meta.access !== 'user' && lookups.length > 0) {
    // The email alias is documented for user authentication only: admin and app sheets read members/{id}.
    const emails = lookups.map((l) => l.key.slice(`${target.meta.space}/members/`.length));
    const ids = api.userIdsForEmails(emails, target.meta.access);
    const byId = lookups.filter((lookup, i) => {
      const found = ids.get(emails[i] as string) ?? emailLookupFrom(undefined, '');
      if ('id' in found) {
        lookup.key = `${target.meta.space}/members/${found.id}`;
        return true;
      }
      report.refused++;
      const cells = block.values[lookup.index] ?? [];
      const status =
        'notFound' in found ? statusText.refused(words().emailLookup.notInDirectory) : statusText.failed(found.failed);
      updates.set(lookup.index, withCells(cells, new Map([[COL.status, status]])));
      return false;
    });
    lookups.splice(0, lookups.length, ...byId);
  }
  if (lookups.length > 0) {
    const results = api.sendAll(lookups.map((l) => ({ get: l.key, access: target.meta.access })));
    lookups.forEach((lookup, i) => {
      const cells = block.values[lookup.index] ?? [];
      const result = results[i];
      if (result?.status === 200) {
        // With admin or app access Chat gives no name or email: look them up as a load does.
        const [named] = api.resolveMissingNames(
          [JSON.parse(result.body) as ChatMembership],
          target.meta.access,
        ).memberships;
        const member = rowFromMembership(named ?? {});
        if (known.has(member.key)) {
          report.refused++;
          updates.set(
            lookup.index,
            withCells(cells, new Map([[COL.status, statusText.refused(words().reason.alreadyListed)]])),
          );
          return;
        }
        known.add(member.key);
        report.found++;
        // The row becomes an ordinary member row whose Role asks for the typed role.
        updates.set(lookup.index, rowToCells({ ...member, role: lookup.typedRole, status: '' }, target.seal));
      } else if (result?.status === 404) {
        report.notMembers++;
        updates.set(
          lookup.index,
          withCells(cells, new Map([[COL.status, statusText.refused(words().reason.notAMember)]])),
        );
      } else {
        report.refused++;
        const reason = result ? userMessage(parseFailure(result.status, result.body)) : words().reason.noAnswer;
        updates.set(lookup.index, withCells(cells, new Map([[COL.status, statusText.failed(reason)]])));
      }
    });
  }
  target.writeRowsAt(updates);
  return report;
}

function withCells(cells: readonly unknown[], set: ReadonlyMap<number, string>): string[] {
  const out = Array.from({ length: COLUMN_COUNT }, (_, i) => String(cells[i] ?? ''));
  for (const [col, value] of set) out[col - 1] = value;
  return out;
}
