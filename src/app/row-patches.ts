/** Applying row patches to a block of member-sheet cells, in memory: rows are found by key, never by position. */

import { type Cell, COL, COLUMN_COUNT, rowFromCells, rowToCells } from '../domain/member-row';
import type { ApiRole } from '../domain/roles';
import type { RowPatch } from './ports';

/**
 * Applies `patches` to `values` (changed in place); returns the keys whose rows are not there, and the span of row
 * indexes changed (`high` is -1 when none), so the caller writes back only that span.
 */
export function applyPatches(
  values: Cell[][],
  patches: readonly RowPatch[],
): { missing: string[]; low: number; high: number } {
  const indexByKey = new Map<string, number>();
  values.forEach((row, i) => {
    indexByKey.set(String(row[COL.key - 1] ?? ''), i);
  });
  const missing: string[] = [];
  let low = Number.POSITIVE_INFINITY;
  let high = -1;
  for (const patch of patches) {
    const index = indexByKey.get(patch.key);
    const row = index === undefined ? undefined : values[index];
    if (index === undefined || !row) {
      missing.push(patch.key);
      continue;
    }
    for (const [col, value] of patch.cells) row[col - 1] = value;
    if (patch.role?.onlyIf(String(row[COL.role - 1] ?? ''))) row[COL.role - 1] = patch.role.value;
    if (patch.serverRole) {
      row[COL.serverRole - 1] = patch.serverRole;
      row[COL.snapshot - 1] = withServerRole(String(row[COL.snapshot - 1] ?? ''), patch.serverRole);
    }
    if (patch.status) {
      const { row: now } = rowFromCells(row);
      const status = patch.status(now);
      if (status !== undefined) row[COL.status - 1] = status;
    }
    low = Math.min(low, index);
    high = Math.max(high, index);
  }
  return { missing, low, high };
}

/** The snapshot cell with a new server role; a damaged snapshot stays damaged (the row then asks for a Refresh). */
function withServerRole(snapshotCell: string, serverRole: ApiRole): string {
  const { snapshot } = rowFromCells(
    Array.from({ length: COLUMN_COUNT }, (_, i) => (i === COL.snapshot - 1 ? snapshotCell : '')),
  );
  if (!snapshot) return snapshotCell;
  return rowToCells({ ...snapshot, serverRole })[COL.snapshot - 1] as string;
}
