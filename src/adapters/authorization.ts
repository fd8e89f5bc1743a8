/**
 * Whether the add-on can do what a person asks of it: authorised at all (a new version that adds scopes stops their
 * triggers until they authorise again, with no email), and which optional features' scopes they granted (granular
 * consent lets a person grant only some). Checked when the sidebar opens and before live editing is turned on.
 */

import { words } from '../domain/messages';

const AUTH = 'https://www.googleapis.com/auth/';

/** The scopes each optional feature needs (appsscript.json declares them all). */
const FEATURE_SCOPES = {
  liveEditing: [`${AUTH}script.scriptapp`],
  admin: [`${AUTH}chat.admin.memberships`, `${AUTH}chat.admin.spaces.readonly`],
  names: [`${AUTH}directory.readonly`, `${AUTH}admin.directory.user.readonly`],
} as const;

export type Feature = keyof typeof FEATURE_SCOPES;

export interface AuthorizationState {
  /** The person must authorise again before triggers run. */
  needsAuthorization: boolean;
  authorizationUrl: string | null;
  /** Features whose scopes the person did not grant. */
  missing: Feature[];
  /** What to tell the person, plainly (empty when all is well). */
  notes: string[];
}

type InfoWithScopes = (
  mode: GoogleAppsScript.Script.AuthMode,
  scopes?: string[],
) => GoogleAppsScript.Script.AuthorizationInfo;

const required = (info: GoogleAppsScript.Script.AuthorizationInfo) =>
  info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED;

export function authorizationState(): AuthorizationState {
  // The two-argument form (granular consent) is newer than the type definitions.
  const infoFor = ScriptApp.getAuthorizationInfo as InfoWithScopes;
  const full = ScriptApp.AuthMode.FULL;
  const all = infoFor(full);
  const missing = (Object.keys(FEATURE_SCOPES) as Feature[]).filter((feature) =>
    required(infoFor(full, [...FEATURE_SCOPES[feature]])),
  );
  const needsAuthorization = required(all) && missing.length === 0;
  const authorizationUrl = required(all) ? all.getAuthorizationUrl() : null;
  const notes = [
    ...(needsAuthorization ? [words().auth.needsAuthorization(authorizationUrl)] : []),
    ...missing.map((feature) => words().auth.scopeMissing[feature]),
  ];
  return { needsAuthorization, authorizationUrl, missing, notes };
}

/** Why live editing cannot be turned on now, if it cannot. */
export function liveEditingBlocker(state = authorizationState()): string | undefined {
  if (state.needsAuthorization) return words().auth.needsAuthorization(state.authorizationUrl);
  if (state.missing.includes('liveEditing')) return words().auth.scopeMissing.liveEditing;
  return undefined;
}

/** A trigger-creation failure in words a person can act on (the 20-per-person limit, one per document). */
export function triggerFailureMessage(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /too many/i.test(text) ? words().auth.triggerLimit : undefined;
}
