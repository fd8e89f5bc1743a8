/** The add-on menu and sidebar. Safe in AuthMode.NONE/LIMITED: builds the menu and touches nothing else. */

import type { Ui } from '../app/ports';
import { isExpected, userMessage } from '../domain/errors';

export const APP_TITLE = 'Chat space roles';

/** Menu captions added by issue 12 (kept together for the translation catalogue). */
export const WORDS = { checkSetup: 'Check setup' };

export function buildMenu(): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Apply pending role changes', 'applyPendingChangesFromMenu')
    .addItem('Preview pending changes (dry run)', 'previewPendingChanges')
    .addItem('Undo last bulk apply', 'undoLastBulkApply')
    .addItem('Resume bulk apply', 'resumeBulkApply')
    .addItem('Refresh members', 'refreshMembers')
    .addItem(WORDS.checkSetup, 'checkSetupFromMenu')
    .addSeparator()
    .addItem('Turn live editing on/off', 'toggleLiveEditing')
    .addToUi();
}

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(APP_TITLE);
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
    ui.alert(APP_TITLE, message, ui.ButtonSet.OK);
  },
  toast: (message) => SpreadsheetApp.getActive().toast(message, APP_TITLE),
};
