/** The add-on menu and sidebar. Safe in AuthMode.NONE/LIMITED: builds the menu and touches nothing else. */

import type { Ui } from '../app/ports';
import { isExpected, userMessage } from '../domain/errors';
import { useLocale, words } from '../domain/messages';

/**
 * Chooses this execution's catalogue from the person's locale; `fallback` when Apps Script gives none (a time
 * trigger has no one at the keyboard), else English.
 */
export function speakTheUsersLanguage(fallback = ''): void {
  let locale = '';
  try {
    locale = Session.getActiveUserLocale();
  } catch {
    // AuthMode.NONE (onOpen before authorisation) may refuse Session: English it is.
  }
  useLocale(locale || fallback);
}

/**
 * The add-on menu. `liveEditing` is known only once the add-on is authorised; then the item says which way it
 * toggles, otherwise it names both.
 */
export function buildMenu(liveEditing?: boolean): void {
  speakTheUsersLanguage();
  const m = words().menu;
  const toggle = liveEditing === undefined ? m.liveToggle : liveEditing ? m.liveOff : m.liveOn;
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(m.openSidebar, 'showSidebar')
    .addItem(m.apply, 'applyPendingChangesFromMenu')
    .addItem(m.preview, 'previewPendingChanges')
    .addItem(m.undo, 'undoLastBulkApply')
    .addItem(m.resume, 'resumeBulkApply')
    .addItem(m.refresh, 'refreshMembers')
    .addItem(m.checkSetup, 'checkSetupFromMenu')
    .addSeparator()
    .addItem(toggle, 'toggleLiveEditing')
    .addToUi();
}

export function openSidebar(): void {
  speakTheUsersLanguage();
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(words().appTitle);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Runs a menu action; an expected failure becomes a dialog instead of a stack trace. */
export function fromMenu<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch (e) {
    if (isExpected(e)) {
      appsScriptUi.tell(userMessage(e));
      return undefined;
    }
    throw e;
  }
}

/** Dialogs and toasts of the active spreadsheet. */
export const appsScriptUi: Ui = {
  confirm: (title, lines) => {
    const ui = SpreadsheetApp.getUi();
    return ui.alert(title, lines.join('\n'), ui.ButtonSet.YES_NO) === ui.Button.YES;
  },
  askApply: (title, lines, mineToo) => {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(title, lines.join('\n'), mineToo ? ui.ButtonSet.YES_NO_CANCEL : ui.ButtonSet.YES_NO);
    if (answer === ui.Button.YES) return 'all';
    return mineToo && answer === ui.Button.NO ? 'mine' : 'none';
  },
  tell: (message) => {
    const ui = SpreadsheetApp.getUi();
    ui.alert(words().appTitle, message, ui.ButtonSet.OK);
  },
  toast: (message) => SpreadsheetApp.getActive().toast(message, words().appTitle),
};
