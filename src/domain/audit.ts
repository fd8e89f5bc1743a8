/** The Audit sheet: one row per attempted change, and the inverse plan that undoes a run from it. */

import type { RoleChange } from './changes';
import { CATALOGUES, words } from './messages';
import { isMembershipName, spaceOfMembership } from './resource-names';
import { type ApiRole, parseRole, uiRole } from './roles';

/** The Audit columns by the add-on's own names (the header row shows words().headers.audit, in the same order). */
export const AUDIT_HEADERS = [
  'Time',
  'Who',
  'Space',
  'Member',
  'Membership',
  'Old role',
  'New role',
  'Result',
  'Error status',
  'Error message',
  'Run id',
] as const;

/** The header row in the person's language. */
export const auditHeaders = (): string[] => [...words().headers.audit];
/** 1-based: the membership's resource name, hidden in the sheet. */
export const AUDIT_MEMBERSHIP_COLUMN = 5;

export type AuditResult = 'applied' | 'failed' | 'refused';

export interface AuditEntry {
  time: string;
  who: string;
  space: string;
  member: string;
  key: string;
  from: ApiRole;
  to: ApiRole;
  result: AuditResult;
  errorStatus: number | '';
  errorMessage: string;
  runId: string;
}

export function auditCells(e: AuditEntry): string[] {
  return [
    e.time,
    e.who,
    e.space,
    e.member,
    e.key,
    uiRole(e.from),
    uiRole(e.to),
    words().audit[e.result],
    String(e.errorStatus),
    e.errorMessage,
    e.runId,
  ];
}

/** An Audit row read back, by column name; cells are text as written (anyone may have typed over them). */
export interface AuditRecord {
  member: string;
  key: string;
  from: string;
  to: string;
  result: string;
  runId: string;
}

const column = (name: (typeof AUDIT_HEADERS)[number]) => AUDIT_HEADERS.indexOf(name);

/** A Result cell written in any language, read back as the add-on's own word ('applied', …). */
function resultOf(text: string): string {
  for (const m of Object.values(CATALOGUES)) {
    const found = (Object.keys(m.audit) as AuditResult[]).find((r) => m.audit[r] === text);
    if (found) return found;
  }
  return text;
}

/** The reader matching `auditCells`: the one place that knows which cell of an Audit row holds what. */
export function auditRecord(cells: readonly unknown[]): AuditRecord {
  const cell = (name: (typeof AUDIT_HEADERS)[number]) => String(cells[column(name)] ?? '');
  return {
    member: cell('Member'),
    key: cell('Membership'),
    from: cell('Old role'),
    to: cell('New role'),
    result: resultOf(cell('Result')),
    runId: cell('Run id'),
  };
}

/**
 * Changes that undo a run: every change the run applied, reversed, newest first. A row whose member has changed
 * again since (the sheet's server role is no longer the run's new role) is left out and reported, so an undo never
 * overwrites someone's later change. Access is `user` here; the caller sets the access of the sheet each member
 * is in now.
 */
export function inversePlan(
  rows: readonly (readonly unknown[])[],
  runId: string,
  currentRole: (key: string) => ApiRole | '' | undefined,
): { changes: RoleChange[]; skipped: { key: string; who: string; reason: string }[] } {
  const changes: RoleChange[] = [];
  const skipped: { key: string; who: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = auditRecord(rows[i] ?? []);
    if (r.runId !== runId || r.result !== 'applied') continue;
    const { key, member: who } = r;
    const from = parseRole(r.from);
    const to = parseRole(r.to);
    if (!isMembershipName(key) || !from.ok || !to.ok || seen.has(key)) continue;
    seen.add(key);
    const now = currentRole(key);
    if (now !== to.role) {
      skipped.push({
        key,
        who,
        reason:
          now === undefined
            ? words().reason.notInLoadedSheet
            : words().reason.changedAgain(now ? uiRole(now) : words().noRole),
      });
      continue;
    }
    changes.push({
      access: 'user',
      index: -1,
      key,
      space: spaceOfMembership(key) as string,
      who,
      from: to.role,
      to: from.role,
    });
  }
  return { changes, skipped };
}
