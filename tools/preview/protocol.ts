/**
 * What the preview page, the preview server and the Apps Script worker thread say to each other. Types only (no
 * Node or DOM globals): the page's JavaScript imports them through JSDoc, so both sides are checked against one
 * contract.
 */

export interface PreviewUser {
  email: string;
  /** Short name shown in the user switcher. */
  label: string;
}

/** One row of the active sheet as displayed. */
export interface GridRow {
  /** 1-based sheet row number. */
  n: number;
  /** Display values (what Sheets shows), one per column. */
  values: string[];
  /** Column (1-based) → index into Grid.lists, for cells with a dropdown (list validation). */
  lists?: Record<number, number>;
}

export interface Grid {
  sheet: string;
  sheetId: number;
  /** Number of columns shown (the sheet's last column with content, at least 1). */
  columns: number;
  /** 1-based numbers of the columns hidden in Sheets. */
  hiddenColumns: number[];
  frozenRows: number;
  /** Rows with content in the sheet (getLastRow). */
  totalRows: number;
  rows: GridRow[];
  /** Distinct dropdown option lists. */
  lists: string[][];
}

export interface SheetTab {
  name: string;
  id: number;
}

export interface DialogView {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  /** Apps Script ButtonSet name: OK, OK_CANCEL, YES_NO, YES_NO_CANCEL. */
  buttons: string;
  /** The button the person clicked. */
  button: string;
  user: string;
}

export interface PendingDialog {
  id: number;
  title: string;
  prompt: string;
  buttons: string;
  /** The buttons to offer, in order (e.g. ['YES', 'NO']). */
  choices: string[];
  user: string;
}

export interface ToastView {
  seq: number;
  title: string;
  message: string;
}

/** One thing the Apps Script side ran: a sidebar call, a menu click, a cell edit, a trigger. */
export interface ActivityEntry {
  seq: number;
  /** e.g. "google.script.run.loadSpace", "menu: Apply pending role changes", "onRoleEdit (edit trigger)". */
  what: string;
  user: string;
  /** Wall-clock start, ms since the epoch. */
  at: number;
  durationMs: number;
  ok: boolean;
  detail: string;
}

export interface MenuItemView {
  caption: string;
  functionName: string;
}

/** A bulk run's progress as the add-on reports it (getBulkProgress). */
export interface RunProgress {
  kind: 'apply' | 'undo';
  done: number;
  failed: number;
  remaining: number;
  etaSeconds: number;
}

export interface Snapshot {
  /** Changes when anything shown changes; the page sends it back as `since` to get `{unchanged: true}`. */
  version: string;
  sheets: SheetTab[];
  activeSheet: string;
  /**
   * The sheet the page follows: the active sheet as the last execution a person started (menu click, sidebar call,
   * tab click) left it. Sheets activated by triggers (the edit trigger creating the Audit sheet) do not move the view.
   */
  followSheet: string;
  grid: Grid;
  menu: MenuItemView[];
  /** Emails of the people who have live editing on (an installable edit trigger). */
  liveEditors: string[];
  /** How many sidebars each person has opened (the page reloads its sidebar when this grows). */
  sidebarsOpened: Record<string, number>;
  pendingDialog: PendingDialog | null;
  /** Most recent first. */
  dialogs: DialogView[];
  /** Most recent first. */
  toasts: ToastView[];
  /** Most recent first. */
  activity: ActivityEntry[];
  /** Clock triggers not yet run: handler, creator and when (ms since the epoch, on the script's clock). */
  timeTriggers: Array<{ handler: string; creator: string; dueAt: number | null }>;
  /** The acting person's unfinished bulk run (apply or undo), if any. */
  progress: RunProgress | null;
  /** What the Apps Script thread is running now, if anything. */
  busy: { what: string; user: string; since: number } | null;
  speed: number;
  /** Increases on every reset of the preview (the page then forgets its request log). */
  generation: number;
}

export type SnapshotReply = Snapshot | { unchanged: true; version: string };

export interface RunReply {
  ok: boolean;
  value?: unknown;
  error?: string;
}

export interface EditReply {
  accepted: boolean;
  rejection: string | null;
  /** Errors thrown by edit triggers. */
  errors: string[];
}

/** A Chat API call as the emulator logged it. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  principal: string | null;
  status: number;
  time: string;
  durationMs: number;
  /** Set when the emulator injected a fault: before (not applied) or after (applied, answer lost). */
  fault?: 'before' | 'after';
}

export interface EmulatorSettings {
  latencyMs: number;
  faults: { rate: number; statuses: number[]; seed: number; mode: 'before' | 'after' | 'either' };
  timeScale: number;
}

export const SPEEDS = [1, 10, 60] as const;
