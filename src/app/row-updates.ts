/** Cell updates for decisions made before any request: refusals and pending notes. */

import { COL } from '../domain/member-row';
import { statusText } from '../domain/status';
import type { RowPatch } from './ports';

/** Puts the Role cell back (if it still holds what was refused) and says why. */
export function refusalPatch(key: string, refusedText: string, restore: string, reason: string): RowPatch {
  const patch: RowPatch = {
    key,
    cells: new Map(),
    role: { value: restore, onlyIf: (current) => current === refusedText },
  };
  if (reason) patch.cells.set(COL.status, statusText.refused(reason));
  return patch;
}

export function statusPatch(key: string, status: string): RowPatch {
  return { key, cells: new Map([[COL.status, status]]) };
}
