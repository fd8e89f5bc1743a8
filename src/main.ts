/**
 * The add-on's whole public surface: every export here becomes a top-level Apps Script function (menu items,
 * triggers, and the functions the sidebar calls through google.script.run). Nothing else is visible to Apps Script.
 */

import { keyStatus, removeKey, saveKey } from './adapters/app-auth';
import { appsScriptClock, executionBudgetMs } from './adapters/clock';
import { appsScriptPorts } from './adapters/ports';
import { memberSheetOf } from './adapters/sheets';
import { deleteFiredTrigger, isLiveEditingOn, scheduleContinuation, setLiveEditingFor } from './adapters/triggers';
import { appsScriptUi, buildMenu, fromMenu, openSidebar, speakTheUsersLanguage } from './adapters/ui';
import { applyPendingInteractive, type BulkResult, previewPending, undoLastInteractive } from './app/bulk-apply';
import type { RunReport } from './app/bulk-run';
import { handleRoleEdit } from './app/live-edit';
import { type LoadResult, listSpaceSummaries, loadSpaceByName, refreshActive } from './app/load-space';
import { continueLocked, myProgress } from './app/run-executor';
import type { SpaceSummary } from './domain/chat-types';
import { BusyError } from './domain/errors';
import { type Language, language, words } from './domain/messages';
import type { Progress } from './domain/run-state';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  // Triggers can be read only once the add-on is authorised; before that the toggle item names both ways.
  let liveEditing: boolean | undefined;
  if (e?.authMode !== undefined && String(e.authMode) === 'FULL') {
    try {
      liveEditing = isLiveEditingOn();
    } catch {
      // Not readable here (e.g. the spreadsheet is not available yet): the item names both ways.
    }
  }
  buildMenu(liveEditing);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showSidebar(): void {
  openSidebar();
}

export function applyPendingChanges(): BulkResult | undefined {
  return fromMenu(() => applyPendingInteractive(appsScriptPorts()));
}

export function previewPendingChanges(): ReturnType<typeof previewPending> | undefined {
  return fromMenu(() => previewPending(appsScriptPorts()));
}

export function undoLastBulkApply(): BulkResult | undefined {
  return fromMenu(() => undoLastInteractive(appsScriptPorts()));
}

/** Menu "Resume bulk apply": continues this person's unfinished run now. */
export function resumeBulkApply(): RunReport | undefined {
  return fromMenu(() => {
    const started = appsScriptClock.now();
    const report = continueLocked(appsScriptPorts(), started + executionBudgetMs());
    if (!report) appsScriptUi.toast(words().toast.noUnfinishedRun);
    return report;
  });
}

/** One-off time trigger that continues a run past the 6-minute limit; runs as the person who started it. */
export function continueBulkApply(e?: GoogleAppsScript.Events.TimeDriven): void {
  const started = appsScriptClock.now();
  deleteFiredTrigger(e?.triggerUid);
  try {
    continueLocked(appsScriptPorts(), started + executionBudgetMs());
  } catch (error) {
    // Busy (someone else holds the lock): try again shortly rather than dropping the run.
    if (error instanceof BusyError) scheduleContinuation();
    else throw error;
  }
}

export function refreshMembers(): LoadResult | undefined {
  return fromMenu(() => {
    const result = refreshActive(appsScriptPorts());
    appsScriptUi.toast(words().toast.refreshed(result.members, result.drifted, result.added, result.gone));
    return result;
  });
}

export function toggleLiveEditing(): boolean {
  speakTheUsersLanguage();
  const on = setLiveEditingFor(!isLiveEditingOn());
  appsScriptUi.toast(on ? words().toast.liveOn : words().toast.liveOff);
  // The menu item now says the other way.
  buildMenu(on);
  return on;
}

/** Installable edit trigger handler (created by live editing). */
export function onRoleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const target = memberSheetOf(range.getSheet());
  if (!target) return;
  const top = range.getRow();
  const left = range.getColumn();
  handleRoleEdit(
    {
      target,
      top,
      bottom: top + range.getNumRows() - 1,
      left,
      right: left + range.getNumColumns() - 1,
      editor: e.user?.getEmail?.() ?? '',
      oldValue: e.oldValue,
    },
    appsScriptPorts(),
  );
}

// ---- Sidebar (google.script.run) ----

export interface SidebarState {
  email: string;
  liveEditing: boolean;
  /** The person's language: the sidebar carries both catalogues (functions cannot cross google.script.run). */
  language: Language;
}

export function getSidebarState(): SidebarState {
  speakTheUsersLanguage();
  return { email: Session.getEffectiveUser().getEmail(), liveEditing: isLiveEditingOn(), language: language() };
}

/** The spaces to pick from: your own, or (admin) every named space of the organisation, searched by name. */
export function listSpaces(options?: { admin?: boolean; query?: string }): SpaceSummary[] {
  return listSpaceSummaries(
    appsScriptPorts(),
    options?.admin === true ? 'admin' : 'user',
    typeof options?.query === 'string' ? options.query : '',
  );
}

export function loadSpace(space: string, options?: { admin?: boolean; app?: boolean }): LoadResult {
  return loadSpaceByName(
    appsScriptPorts(),
    space,
    options?.app === true ? 'app' : options?.admin === true ? 'admin' : 'user',
  );
}

/** Whether a Chat app key is stored for you, and for which service account (never the key itself). */
export function getAppKeyStatus(): { configured: boolean; clientEmail: string } {
  return keyStatus();
}

/** Stores the Chat app's service-account key (the JSON file's text) for you, after checking it. */
export function saveAppKey(text: string): { configured: boolean; clientEmail: string } {
  saveKey(text);
  return keyStatus();
}

export function removeAppKey(): { configured: boolean; clientEmail: string } {
  removeKey();
  return keyStatus();
}

export function setLiveEditing(on: boolean): SidebarState {
  setLiveEditingFor(on === true);
  return getSidebarState();
}

/** Progress of this person's bulk run (the sidebar polls it while a run is going on). */
export function getBulkProgress(): Progress | null {
  return myProgress(appsScriptPorts());
}
