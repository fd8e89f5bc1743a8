/** The use cases' ports, implemented over Apps Script: built once per execution by src/main.ts. */

import type { Ports } from '../app/ports';
import { userChatApi } from './chat-api';
import { appsScriptClock, executionBudgetMs } from './clock';
import { withDocumentLock } from './lock';
import { resolveMissingNames } from './people-directory';
import { deleteRun, lastRunId, loadRun, rememberLastRun, saveRun } from './run-store';
import { appsScriptSheets } from './sheets';
import { deleteFiredTrigger, hasLiveEditing, scheduleContinuation } from './triggers';
import { appsScriptUi, speakTheUsersLanguage } from './ui';

export function appsScriptPorts(clock = appsScriptClock): Ports {
  speakTheUsersLanguage();
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
      };
    },
    runs: { load: loadRun, save: saveRun, remove: deleteRun, rememberLast: rememberLastRun, lastRunId },
    triggers: { scheduleContinuation, deleteContinuation: deleteFiredTrigger, hasLiveEditing },
    ui: appsScriptUi,
    user: () => Session.getEffectiveUser().getEmail().toLowerCase(),
    clock,
    executionBudgetMs,
    newId: () => Utilities.getUuid(),
    withLock: withDocumentLock,
  };
}
