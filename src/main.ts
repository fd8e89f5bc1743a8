/**
 * The add-on's whole public surface: every export here becomes a top-level Apps Script function (menu items,
 * triggers, and the functions the sidebar calls through google.script.run). Nothing else is visible to Apps Script.
 */

import { keyStatus, removeKey, saveKey } from './adapters/app-auth';
import {
  type AuthorizationState,
  authorizationState,
  liveEditingBlocker,
  triggerFailureMessage,
} from './adapters/authorization';
import { appsScriptClock, executionBudgetMs } from './adapters/clock';
import {
  continuationLocale,
  deleteContinuation,
  pauseContinuation,
  pauseWithoutDocument,
  scheduleContinuation,
} from './adapters/continuation';
import { editWithoutLiveEditing, roleEditOf } from './adapters/edit-event';
import { appsScriptPorts } from './adapters/ports';
import { gatherSetupFacts } from './adapters/setup-probe';
import { isLiveEditingOn, setLiveEditingFor } from './adapters/triggers';
import { appsScriptUi, buildMenu, fromMenu, openSidebar, speakTheUsersLanguage } from './adapters/ui';
import { applyPendingInteractive, type BulkResult, previewPending, undoLastInteractive } from './app/bulk-apply';
import type { RunReport } from './app/bulk-run';
import { handleRoleEdit, markWaitingEdit } from './app/live-edit';
import { type LoadResult, listSpaceSummaries, loadSpaceByName, refreshActive } from './app/load-space';
import { type BulkReading, continueLocked, myProgress, myRuns, type RunProgress } from './app/run-executor';
import type { SpaceSummary } from './domain/chat-types';
import { BusyError, isExpected, UserError, userMessage } from './domain/errors';
import { type Language, language, words } from './domain/messages';
import { type CheckLine, checklistText, setupChecklist } from './domain/setup-checklist';

/** The sidebar's reading of the person's runs, typed for src/sidebar (types only: no Apps Script global). */
export type { BulkReading, RunEndShown, RunProgress } from './app/run-executor';

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

/** The sidebar's "Apply pending changes": confirms and starts the run; the sidebar itself then drives the rest. */
export function applyPendingChanges(): BulkResult | undefined {
  return fromMenu(() => applyPendingInteractive(appsScriptPorts()));
}

/** Menu "Apply pending role changes": the same, then opens the sidebar to drive what is left. */
export function applyPendingChangesFromMenu(): BulkResult | undefined {
  const result = applyPendingChanges();
  if (result?.report && !result.report.finished) openSidebar();
  return result;
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
    const ports = appsScriptPorts();
    const report = continueLocked(ports, started + executionBudgetMs());
    const w = words().toast;
    if (!report) ports.ui.toast(w.noUnfinishedRun);
    else if (report.paused) ports.ui.tell(report.paused);
    else if (report.finished) ports.ui.toast(w.runFinished(report.applied, report.failed));
    else ports.ui.toast(w.stillGoing(report.applied, report.failed, report.pending));
    return report;
  });
}

/**
 * One-off time trigger that continues a run past the 6-minute limit; runs as the person who started it. It never
 * throws an expected failure into a loop of retries: whatever stops it leaves the run saved and paused, with a note
 * the sidebar and "Resume bulk apply" show.
 */
export function continueBulkApply(e?: GoogleAppsScript.Events.TimeDriven): void {
  const started = appsScriptClock.now();
  // Whether a time trigger has a document is undocumented: without one, the run's store is out of reach.
  if (!SpreadsheetApp.getActive()) {
    pauseWithoutDocument(e?.triggerUid);
    return;
  }
  const locale = continuationLocale();
  deleteContinuation(e?.triggerUid);
  try {
    continueLocked(appsScriptPorts(appsScriptClock, locale), started + executionBudgetMs());
  } catch (error) {
    // Busy (someone else holds the lock): try again shortly rather than dropping the run.
    if (error instanceof BusyError) {
      scheduleContinuation();
      return;
    }
    pauseContinuation(userMessage(error));
    if (!isExpected(error)) throw error;
  }
}

/** Menu "Check setup": the checklist in a dialog (admin mode is the sidebar's; the menu checks as yourself). */
export function checkSetupFromMenu(): CheckLine[] {
  const lines = checkSetup();
  appsScriptUi.tell(checklistText(lines).join('\n'));
  return lines;
}

export function refreshMembers(): LoadResult | undefined {
  return fromMenu(() => {
    const result = refreshActive(appsScriptPorts());
    appsScriptUi.toast(words().toast.refreshed(result.members, result.drifted, result.added, result.gone));
    return result;
  });
}

/**
 * Turns live editing on or off; before turning it on, checks it can work (authorised, trigger scope granted, a
 * trigger slot left) and says plainly when it cannot, instead of showing it on while nothing fires.
 * The menu item then says the other way, whether the menu or the sidebar switched it.
 */
function switchLiveEditing(on: boolean): boolean {
  const blocker = on ? liveEditingBlocker() : undefined;
  if (blocker) throw new UserError(blocker);
  try {
    const now = setLiveEditingFor(on);
    buildMenu(now);
    return now;
  } catch (error) {
    const limit = triggerFailureMessage(error);
    throw limit ? new UserError(limit) : error;
  }
}

export function toggleLiveEditing(): boolean | undefined {
  speakTheUsersLanguage();
  const on = fromMenu(() => switchLiveEditing(!isLiveEditingOn()));
  if (on === undefined) return undefined;
  appsScriptUi.toast(on ? words().toast.liveOn : words().toast.liveOff);
  return on;
}

/** Installable edit trigger handler (created by live editing). */
export function onRoleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = roleEditOf(e);
  if (edit) handleRoleEdit(edit, appsScriptPorts());
}

/** Simple edit trigger: with nobody's live editing on, an edited row still says it waits for Apply, and who typed it. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = editWithoutLiveEditing(e);
  if (!edit) return;
  // The Status is written in the editor's language (a simple trigger runs as them; their locale is known in LIMITED).
  speakTheUsersLanguage();
  markWaitingEdit(edit);
}

// ---- Sidebar (google.script.run) ----

export interface SidebarState {
  email: string;
  liveEditing: boolean;
  /** Checked each time the sidebar opens: re-authorisation needed, scopes not granted (with what to say). */
  authorization: AuthorizationState;
  /** The person's language: the sidebar carries both catalogues (functions cannot cross google.script.run). */
  language: Language;
}

export function getSidebarState(): SidebarState {
  speakTheUsersLanguage();
  const authorization = authorizationState();
  return {
    email: Session.getEffectiveUser().getEmail(),
    // Without the trigger scope its triggers cannot even be listed (and would not fire): live editing is off.
    liveEditing: !authorization.missing.includes('liveEditing') && isLiveEditingOn(),
    authorization,
    language: language(),
  };
}

/** The spaces to pick from: your own, or (admin) every named space of the organisation, searched by name. */
export function listSpaces(options?: { admin?: boolean; query?: string }): SpaceSummary[] {
  return listSpaceSummaries(
    appsScriptPorts(),
    options?.admin === true ? 'admin' : 'user',
    typeof options?.query === 'string' ? options.query : '',
  );
}

export function loadSpace(space: string, options?: { admin?: boolean; app?: boolean; title?: string }): LoadResult {
  return loadSpaceByName(
    appsScriptPorts(),
    space,
    options?.app === true ? 'app' : options?.admin === true ? 'admin' : 'user',
    options?.title,
  );
}

/** Whether a Chat app key is stored for you, and for which service account (never the key itself). */
export function getAppKeyStatus(): { configured: boolean; clientEmail: string } {
  return keyStatus();
}

/** Stores the Chat app's service-account key (the JSON file's text) for you, after checking it. */
export function saveAppKey(text: string): { configured: boolean; clientEmail: string } {
  speakTheUsersLanguage();
  saveKey(text);
  return keyStatus();
}

export function removeAppKey(): { configured: boolean; clientEmail: string } {
  removeKey();
  return keyStatus();
}

export function setLiveEditing(on: boolean): SidebarState {
  speakTheUsersLanguage();
  switchLiveEditing(on === true);
  return getSidebarState();
}

/** "Check setup" in the sidebar: what is set up (✓), what is not (✗, with the fix), and what does not apply. */
export function checkSetup(options?: { admin?: boolean }): CheckLine[] {
  return setupChecklist(gatherSetupFacts(options?.admin === true, appsScriptClock));
}

/** This person's bulk run: its progress while open, and how their last one ended (the sidebar polls it). */
export function getBulkProgress(): BulkReading {
  return myRuns(appsScriptPorts());
}

/** One sidebar-driven step of a run: what it did, and where the run stands after it. */
export interface RunStep {
  /** Another execution (a background continuation, someone's edit) held the lock: nothing was done, ask again. */
  busy: boolean;
  /** Changes applied and failed in this step. */
  applied: number;
  failed: number;
  /** The run after this step; null when it is finished (or there was none). */
  progress: RunProgress | null;
  /** False when there was no run to continue: another execution (a menu click, a continuation) finished it. */
  ran: boolean;
}

/**
 * Continues this person's open run for one execution (the sidebar calls it again and again while a run is open,
 * and shows each step): needs no trigger, so it works in test deployments and never waits for a late one. Closing
 * the sidebar leaves the background continuation, scheduled as always, to carry on.
 */
export function continueMyBulkApply(): RunStep {
  const started = appsScriptClock.now();
  const ports = appsScriptPorts();
  const before = myProgress(ports);
  if (!before) return { busy: false, applied: 0, failed: 0, progress: null, ran: false };
  try {
    // As long as one execution may work: each execution starts by reading its run and re-checking its sheets (10–25 s
    // of a 10,000-change run), so short steps cost a fifth of the run. The sidebar polls the progress meanwhile.
    const report = continueLocked(ports, started + executionBudgetMs());
    const after = report && !report.finished ? myProgress(ports) : null;
    return {
      busy: false,
      applied: (report?.applied ?? before.done) - before.done,
      failed: (report?.failed ?? before.failed) - before.failed,
      progress: after,
      ran: report !== undefined,
    };
  } catch (error) {
    if (error instanceof BusyError) return { busy: true, applied: 0, failed: 0, progress: before, ran: false };
    throw error;
  }
}
