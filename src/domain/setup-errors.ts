/**
 * Errors that say the add-on's Google Cloud project, the person's grants or the Chat app are not set up, rather than
 * anything about the space or member asked for. Chat answers them on every call (lists and reads too), so they are
 * recognised before the status code's usual meaning: a 404 "Google Chat app not found" on a member list must not read
 * as "the member may have left". Each gets one sentence saying what to do and where (words().setup).
 */

import type { ApiFailure } from './api-errors';

export type SetupProblem = 'api-disabled' | 'app-not-configured' | 'scope-missing' | 'not-admin' | 'app-not-approved';

/** Google's message for a project with no Chat app configured (a 404 on any call). */
const APP_NOT_FOUND = /google chat app not found/i;
/** A 403 for useAdminAccess by someone without the privilege carries no ErrorInfo: only its words tell it apart. */
const ADMIN_PRIVILEGE = /administrator (access|privilege)|useAdminAccess/i;
const NOT_APPROVED = /not been approved by a google workspace administrator/i;

/** What is not set up, when the failure is a setup error; undefined for anything else. */
export function setupProblem(failure: ApiFailure): SetupProblem | undefined {
  const reason = failure.reason ?? '';
  if (reason === 'SERVICE_DISABLED' || reason === 'API_DISABLED') return 'api-disabled';
  if (reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') return 'scope-missing';
  if (reason === 'APP_NOT_APPROVED_BY_ADMIN' || (failure.status === 403 && NOT_APPROVED.test(failure.message)))
    return 'app-not-approved';
  if (failure.status === 404 && APP_NOT_FOUND.test(failure.message)) return 'app-not-configured';
  if (failure.status === 403 && reason === '' && ADMIN_PRIVILEGE.test(failure.message)) return 'not-admin';
  return undefined;
}
