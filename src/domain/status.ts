/** The words in a row's Status cell. Each starts with a symbol so a glance down the column tells the story. */

import { words } from './messages';
import type { ApiRole } from './roles';
import { uiRole } from './roles';
import { zonedTime } from './zoned-time';

const roleOrNone = (role: ApiRole | '') => (role ? uiRole(role) : words().noRole);

export const statusText = {
  applied: (role: ApiRole, at: string) => words().status.applied(uiRole(role), at),
  refused: (reason: string) => words().status.refused(reason),
  failed: (reason: string) => words().status.failed(reason),
  /** Typed by someone whose own live editing is off: it waits for a person who can apply it to review it. */
  pendingOtherEditor: (editor: string) => words().status.pendingOtherEditor(editor),
  pendingNotConfirmed: () => words().status.pendingNotConfirmed,
  pendingBusy: () => words().status.pendingBusy,
  pendingChangedMeanwhile: () => words().status.pendingChangedMeanwhile,
  pendingTimeLimit: () => words().status.pendingTimeLimit,
  /** Typed back to the role the row knows (`role`), while `who`'s run may have changed the member unseen by the row. */
  unseenElsewhere: (who: string, role: ApiRole | '') => words().status.unseenElsewhere(who, roleOrNone(role)),
  drift: (was: ApiRole | '', now: ApiRole | '') => words().status.drift(roleOrNone(was), roleOrNone(now)),
  gone: () => words().status.gone,
  goneWithChange: (role: ApiRole) => words().status.goneWithChange(uiRole(role)),
  cellRestored: () => words().status.cellRestored,
};

/** A short time stamp for Status cells, on the wall clock of the spreadsheet's time zone ("2026-12-02 09:40 GMT+8"). */
export function stamp(now: Date, timeZone: string): string {
  return zonedTime(now, timeZone);
}

/** The Audit sheet's Time cell: the same, to the second (answers of one wave land seconds apart). */
export function auditTime(now: Date, timeZone: string): string {
  return zonedTime(now, timeZone, true);
}
