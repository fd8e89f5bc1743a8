/**
 * Who typed a pending Role cell. Only the add-on's edit trigger knows (from the edit event, which Google fills in),
 * and it keeps what it saw in the add-on's own document properties, which no co-editor's script can write. A record
 * counts only while the cell still asks for the role it recorded: a later script write (which fires no trigger)
 * makes the author unknown again. Records are a small ring: the oldest are forgotten first, which only ever turns an
 * author into "unknown", never into someone else.
 */

import { type ApiRole, isApiRole } from './roles';

export interface TypedRecord {
  role: ApiRole;
  /** The editor's email, lower case; '' when Google did not say (editors outside the domain). */
  by: string;
}

export type TypedRecords = Map<string, TypedRecord>;

/** One property value holds 9 KB; the records of a sheet stay well inside it. */
export const MAX_RECORD_CHARS = 8_000;

export function decodeTypedRecords(text: string | null | undefined): TypedRecords {
  const records: TypedRecords = new Map();
  if (!text) return records;
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw)) return records;
    for (const entry of raw) {
      if (!Array.isArray(entry)) continue;
      const [key, role, by] = entry as unknown[];
      if (typeof key === 'string' && isApiRole(role) && typeof by === 'string') records.set(key, { role, by });
    }
  } catch {
    // A damaged value only loses authorship: every change it described becomes "typed by someone unknown".
  }
  return records;
}

/** Newest last; the oldest entries are dropped until the text fits one property value. */
export function encodeTypedRecords(records: TypedRecords): string {
  const entries = [...records].map(([key, r]) => [key, r.role, r.by]);
  let text = JSON.stringify(entries);
  while (text.length > MAX_RECORD_CHARS && entries.length > 0) {
    entries.splice(0, Math.max(1, Math.ceil(entries.length / 10)));
    text = JSON.stringify(entries);
  }
  return text;
}

/** Records an edit (moving it to the newest end) or forgets one (`role` undefined: nothing pending any more). */
export function withRecord(records: TypedRecords, key: string, role: ApiRole | undefined, by: string): TypedRecords {
  const next = new Map(records);
  next.delete(key);
  if (role) next.set(key, { role, by: by.toLowerCase() });
  return next;
}

/** Who typed the role a row asks for now: an email, or '' when unknown. */
export function authorOf(records: TypedRecords, key: string, asked: ApiRole): string {
  const record = records.get(key);
  return record && record.role === asked ? record.by : '';
}
