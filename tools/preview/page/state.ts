/** What the page remembers between polls. */

import type { LoggedRequest, PreviewUser, Snapshot } from '../protocol';

export const state = {
  users: [] as PreviewUser[],
  user: '',
  /** The sheet shown; null: the one the server says to follow. */
  view: null as string | null,
  lastFollow: null as string | null,
  snapshot: null as Snapshot | null,
  version: '',
  rowLimit: 300,
  generation: 0,
  /** A cell with an uncommitted value (free-text box open, or a Role choice moved through with the keyboard): the grid
   * is not redrawn under it, which would put the server's value back. */
  editing: null as string | null,
  sidebarsSeen: {} as Record<string, number>,
  lastToast: 0,
  toastTimer: undefined as number | undefined,
  shownDialog: null as number | null,
  requestsSince: 0,
  requests: [] as LoggedRequest[],
  menuKey: '',
};

export const labelOf = (email: string): string => state.users.find((u) => u.email === email)?.label ?? email;

/** Asks for a fresh snapshot at the next poll (after an action). */
export function refreshSoon(): void {
  state.version = '';
}
