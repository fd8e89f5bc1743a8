/** The words in a row's Status cell. Each starts with a symbol so a glance down the column tells the story. */

import type { ApiRole } from './roles';
import { uiRole } from './roles';

export const statusText = {
  applied: (role: ApiRole, at: string) => `✓ Now ${uiRole(role)} · ${at}`,
  refused: (reason: string) => `✗ Not changed: ${reason}`,
  failed: (reason: string) => `✗ Failed: ${reason}`,
  /** Typed by someone whose own live editing is off: it waits for a person who can apply it to review it. */
  pendingOtherEditor: (editor: string) =>
    `⏳ Pending: typed by ${editor || 'someone unknown'}; not applied until someone reviews it in Apply pending role changes`,
  pendingNotConfirmed: () =>
    '⏳ Pending: changed while the Apply confirmation was open, so it was not applied; use Apply pending role changes to review it',
  pendingBusy: () => '⏳ Pending: another operation was running; use Apply pending role changes',
  pendingChangedMeanwhile: () =>
    '⏳ Pending: the Role cell was changed while a bulk apply was waiting; use Apply pending role changes',
  pendingTimeLimit: () => '⏳ Pending: not reached before the time limit; use Apply pending role changes',
  drift: (was: ApiRole | '', now: ApiRole | '') =>
    `⚠ Changed in Chat since the last load: was ${was ? uiRole(was) : 'no role'}, now ${now ? uiRole(now) : 'no role'}`,
  gone: () => '⚠ No longer in this space',
  cellRestored: () => '↺ Only the Role column can be edited; the cell was put back',
};

/** A short UTC time stamp for Status cells (the sheet's time zone is unknown to pure code). */
export function stamp(now: Date): string {
  return `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
