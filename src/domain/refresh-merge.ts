/**
 * Merging a fresh member list into a sheet without losing anyone's work: a pending Role edit survives, a role that
 * changed in Chat since the last load is flagged, people who left stay visible with a note, newcomers are appended.
 */

import { type Cell, LEFT_STATE, type MemberRow, rowFromCells } from './member-row';
import { parseRole, uiRole } from './roles';
import { statusText } from './status';

export function mergeRefresh(
  current: readonly Cell[][],
  fresh: readonly MemberRow[],
): { rows: MemberRow[]; drifted: number; gone: number; added: number } {
  // Only rows already in the sheet are matched by key: a first load (no rows yet) needs no index of 10,000 members.
  const freshByKey = new Map(current.length > 0 ? fresh.map((row) => [row.key, row]) : []);
  const seen = new Set<string>();
  const rows: MemberRow[] = [];
  let drifted = 0;
  let gone = 0;
  for (const cells of current) {
    const { row, intact, snapshot } = rowFromCells(cells);
    // A row with broken keys is judged by its snapshot; without one it cannot be matched and is dropped (reloaded below).
    const key = intact ? row.key : snapshot?.key;
    const base = key ? freshByKey.get(key) : undefined;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const knownRole = intact ? row.serverRole : (snapshot?.serverRole ?? '');
    const intent = parseRole(row.role);
    const pending = knownRole !== '' && intent.ok && intent.role !== knownRole;
    if (!base) {
      gone++;
      rows.push({
        ...(snapshot ?? row),
        role: '',
        serverRole: '',
        state: LEFT_STATE,
        status: pending && intent.ok ? statusText.goneWithChange(intent.role) : statusText.gone(),
      });
      continue;
    }
    const merged: MemberRow = { ...base, status: row.status };
    if (base.serverRole !== knownRole) {
      drifted++;
      merged.status = statusText.drift(knownRole, base.serverRole);
    }
    // Keep the person's pending edit unless the server already has that role.
    if (pending && intent.ok && intent.role !== base.serverRole) merged.role = uiRole(intent.role);
    rows.push(merged);
  }
  let added = 0;
  for (const row of fresh) {
    if (!seen.has(row.key)) {
      rows.push(row);
      added++;
    }
  }
  return { rows, drifted, gone, added };
}
