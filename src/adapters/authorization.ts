/**
 * Whether the add-on can do what a person asks of it: authorised at all (a new version that adds scopes stops their
 * triggers until they authorise again, with no email), and which optional features' scopes they granted (granular
 * consent lets a person grant only some). Checked when the sidebar opens and before live editing is turned on.
 */

const AUTH = 'https://www.googleapis.com/auth/';

/** The scopes each optional feature needs (appsscript.json declares them all). */
const FEATURE_SCOPES = {
  liveEditing: [`${AUTH}script.scriptapp`],
  admin: [`${AUTH}chat.admin.memberships`, `${AUTH}chat.admin.spaces.readonly`],
  names: [`${AUTH}directory.readonly`, `${AUTH}admin.directory.user.readonly`],
} as const;

export type Feature = keyof typeof FEATURE_SCOPES;

export const WORDS = {
  needsAuthorization: (url: string | null) =>
    `The add-on needs you to authorise it again (a new version asks for more access). Until you do, live editing ` +
    `and background continuations stop.${url ? ` Authorise here: ${url}` : ' Open the add-on menu to authorise.'}`,
  scopeMissing: {
    liveEditing:
      'You have not allowed the add-on to manage its triggers, so live editing and background continuations are off. ' +
      'Authorise the add-on again and allow every access it asks for.',
    admin:
      'You have not allowed the add-on the Chat admin access, so “Act as Workspace admin” cannot work. Authorise ' +
      'the add-on again and allow it.',
    names:
      'You have not allowed the add-on to look people up in your directory, so members Chat shows without a name ' +
      'stay shown by id. Authorise the add-on again and allow it to fill them in.',
  },
  triggerLimit:
    'Live editing could not be turned on: you have reached Apps Script’s trigger limit for this add-on (20 per ' +
    'person, across every spreadsheet you use it in). Turn live editing off in a spreadsheet you no longer edit.',
} as const;

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
    ...(needsAuthorization ? [WORDS.needsAuthorization(authorizationUrl)] : []),
    ...missing.map((feature) => WORDS.scopeMissing[feature]),
  ];
  return { needsAuthorization, authorizationUrl, missing, notes };
}

/** Why live editing cannot be turned on now, if it cannot. */
export function liveEditingBlocker(state = authorizationState()): string | undefined {
  if (state.needsAuthorization) return WORDS.needsAuthorization(state.authorizationUrl);
  if (state.missing.includes('liveEditing')) return WORDS.scopeMissing.liveEditing;
  return undefined;
}

/** A trigger-creation failure in words a person can act on (the 20-per-person limit, one per document). */
export function triggerFailureMessage(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /too many/i.test(text) ? WORDS.triggerLimit : undefined;
}
