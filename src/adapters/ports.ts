/** The use cases' ports, implemented over Apps Script: built once per execution by src/main.ts. */

import type { Ports } from '../app/ports';
import { userChatApi } from './chat-api';
import { appsScriptClock, executionBudgetMs } from './clock';
import { deleteContinuation, pausedNote, scheduleContinuation } from './continuation';
import { withDocumentLock } from './lock';
import { resolveMissingNames, userIdsForEmails } from './people-directory';
import { deleteRun, loadRun, markSent, saveRun, unseenWritesOfOthers } from './run-store';
import { appsScriptSheets } from './sheets';
import { hasLiveEditing } from './triggers';
import { appsScriptUi, speakTheUsersLanguage } from './ui';
import { appendUndo, lastEnd, lastUndo, saveEnd, saveUndo } from './user-records';

/** `fallbackLocale`: the language to speak when Apps Script knows none (the continuation trigger's). */
export function appsScriptPorts(clock = appsScriptClock, fallbackLocale = ''): Ports {
  speakTheUsersLanguage(fallbackLocale);
  return {
    sheets: appsScriptSheets(),
    chat: () => {
      const api = userChatApi(clock);
      return {
        listNamedSpaces: (access, nameQuery) => api.listNamedSpaces(access, nameQuery),
        getSpace: (space, access) => api.getSpace(space, access),
        listMembers: (space, access) => api.listMembers(space, access),
        sendAll: (requests) => api.sendAll(requests),
        resolveMissingNames: (memberships, access) => resolveMissingNames(memberships, access, clock),
        userIdsForEmails: (emails, access) => userIdsForEmails(emails, access, clock),
      };
    },
    runs: {
      load: loadRun,
      save: saveRun,
      markSent,
      unseenWritesOfOthers,
      remove: deleteRun,
      saveUndo,
      lastUndo,
      appendUndo,
      saveEnd,
      lastEnd,
    },
    triggers: { scheduleContinuation, deleteContinuation, pausedNote, hasLiveEditing },
    ui: appsScriptUi,
    user: () => Session.getEffectiveUser().getEmail().toLowerCase(),
    clock,
    executionBudgetMs,
    newId: () => Utilities.getUuid(),
    withLock: withDocumentLock,
  };
}
