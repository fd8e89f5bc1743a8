/** Applying row patches to a block of member-sheet cells, in memory: rows are found by key, never by position. */

import { type Cell, COL, rowOf, rowToCells, type Seal, sealedSnapshot } from '../domain/member-row';
import type { ApiRole } from '../domain/roles';
import type { RowPatch } from './ports';

/**
 * Applies `patches` to `values` (changed in place); returns the keys whose rows are not there, and the span of row
 * indexes changed (`high` is -1 when none), so the caller writes back only that span.
 */
export function applyPatches(
  values: Cell[][],
  patches: readonly RowPatch[],
  seal: Seal,
): { missing: string[]; low: number; high: number } {
  // Every row with the key: a key copied onto a second row makes both untrusted, and both say so.
  const indexesByKey = new Map<string, number[]>();
  values.forEach((row, i) => {
    const key = String(row[COL.key - 1] ?? '');
    indexesByKey.set(key, [...(indexesByKey.get(key) ?? []), i]);
  });
  const missing: string[] = [];
  let low = Number.POSITIVE_INFINITY;
  let high = -1;
  for (const patch of patches) {
    const indexes = indexesByKey.get(patch.key);
    if (!indexes) {
      missing.push(patch.key);
      continue;
    }
    for (const index of indexes) {
      applyOne(values[index] as Cell[], patch, seal);
      low = Math.min(low, index);
      high = Math.max(high, index);
    }
  }
  return { missing, low, high };
}

function applyOne(row: Cell[], patch: RowPatch, seal: Seal): void {
  for (const [col, value] of patch.cells) row[col - 1] = value;
  if (patch.role?.onlyIf(String(row[COL.role - 1] ?? ''))) row[COL.role - 1] = patch.role.value;
  if (patch.serverRole) {
    row[COL.serverRole - 1] = patch.serverRole;
    row[COL.snapshot - 1] = withServerRole(String(row[COL.snapshot - 1] ?? ''), patch.serverRole, seal);
  }
  if (patch.status) {
    const status = patch.status(rowOf(row));
    if (status !== undefined) row[COL.status - 1] = status;
  }
}

/**
 * The snapshot cell with a new server role, sealed again. A damaged or forged snapshot stays as it is (the row then
 * asks for a Refresh): sealing it again would make a forgery trusted.
 */
function withServerRole(snapshotCell: string, serverRole: ApiRole, seal: Seal): string {
  const snapshot = sealedSnapshot(snapshotCell, seal);
  if (!snapshot) return snapshotCell;
  return rowToCells({ ...snapshot, serverRole }, seal)[COL.snapshot - 1] as string;
}
