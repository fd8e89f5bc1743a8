/** The Audit sheet: one row per attempted change, written for people to read (never read back as authority). */

import { CATALOGUES, words } from './messages';
import { type ApiRole, uiRole } from './roles';

/** The Audit columns by the add-on's own ids (the header row shows words().headers.audit, in the same order). */
export const AUDIT_COLUMNS = [
  'time',
  'who',
  'space',
  'member',
  'membership',
  'oldRole',
  'newRole',
  'result',
  'errorStatus',
  'errorMessage',
  'runId',
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

const column = (name: (typeof AUDIT_COLUMNS)[number]) => AUDIT_COLUMNS.indexOf(name);

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
  const cell = (name: (typeof AUDIT_COLUMNS)[number]) => String(cells[column(name)] ?? '');
  return {
    member: cell('member'),
    key: cell('membership'),
    from: cell('oldRole'),
    to: cell('newRole'),
    result: resultOf(cell('result')),
    runId: cell('runId'),
  };
}
