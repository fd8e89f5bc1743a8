/**
 * The facts "Check setup" needs, gathered with harmless one-item reads (nothing is changed): the person's
 * authorisation, a list of their spaces, an admin search when admin mode is on, and the Chat app's sign-in and one read
 * with its token when a key is stored.
 */

import { AppAuthError } from '../domain/errors';
import type { SetupFacts } from '../domain/setup-checklist';
import { appAccessToken, keyStatus } from './app-auth';
import { CHAT_BASE_URL } from './chat-api';
import type { Clock } from './clock';
import { fetchOne } from './http';
import { isLiveEditingOn } from './triggers';
import { speakTheUsersLanguage } from './ui';

/** A space id no app created: the app's read of it gets past scope and approval checks, then is refused or not found. */
const APP_PROBE_SPACE = 'spaces/AAAAsetupcheck';
const ADMIN_QUERY = 'customer = "customers/my_customer" AND space_type = "SPACE"';

function probe(path: string, token: string) {
  const answer = fetchOne({ url: `${CHAT_BASE_URL}${path}`, method: 'get', token });
  return answer ? { status: answer.status, body: answer.body } : undefined;
}

function authorizationRequired(): boolean {
  const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  return info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;
}

export function gatherSetupFacts(admin: boolean, clock: Clock): SetupFacts {
  speakTheUsersLanguage();
  const token = ScriptApp.getOAuthToken();
  const facts: SetupFacts = {
    authorizationRequired: authorizationRequired(),
    userProbe: probe('spaces?pageSize=1', token),
    admin: admin
      ? {
          on: true,
          probe: probe(`spaces:search?useAdminAccess=true&pageSize=1&query=${encodeURIComponent(ADMIN_QUERY)}`, token),
        }
      : { on: false },
    app: { stored: false },
    liveEditing: isLiveEditingOn(),
  };
  if (keyStatus().configured) {
    try {
      facts.app = { stored: true, probe: probe(`${APP_PROBE_SPACE}/members?pageSize=1`, appAccessToken(clock)) };
    } catch (error) {
      if (!(error instanceof AppAuthError)) throw error;
      facts.app = { stored: true, signInError: error.message };
    }
  }
  return facts;
}
