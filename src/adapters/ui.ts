/** The add-on menu and sidebar. Safe in AuthMode.NONE/LIMITED: builds the menu and touches nothing else. */

import { isExpected, userMessage } from '../domain/errors';

export const APP_TITLE = 'Chat space roles';

export function buildMenu(): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Apply pending role changes', 'applyPendingChanges')
    .addItem('Preview pending changes (dry run)', 'previewPendingChanges')
    .addItem('Undo last bulk apply', 'undoLastBulkApply')
    .addItem('Resume bulk apply', 'resumeBulkApply')
    .addItem('Refresh members', 'refreshMembers')
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
      const ui = SpreadsheetApp.getUi();
      ui.alert(APP_TITLE, userMessage(e), ui.ButtonSet.OK);
      return undefined;
    }
    throw e;
  }
}
