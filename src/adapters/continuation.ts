/**
 * The one-off time trigger that continues a long bulk run in the background.
 *
 * Google documents `ScriptApp.getUserTriggers(spreadsheet)` for installable triggers *in* that spreadsheet; whether
 * it lists clock triggers is not documented, so the trigger is found by the id we stored when creating it, among
 * `getProjectTriggers()`. The id lives in user properties (a clock trigger may run without a document, so document
 * properties may be out of reach there), keyed by spreadsheet id. When the trigger cannot be created (the add-on's
 * trigger limits, no authorisation) or runs without its document, the run is left paused with a note saying so:
 * the sidebar and the "Resume bulk apply" menu item show it and carry on.
 */

import { language, words } from '../domain/messages';

/** The handler of the one-off trigger (an export of src/main.ts). */
export const CONTINUE_HANDLER = 'continueBulkApply';
const CONTINUE_AFTER_MS = 1000;
const KEY_PREFIX = 'continuation.';

/**
 * Why a run is paused, stored as a code (and the failure's own words): the note is shown later, perhaps to a person
 * whose language the trigger that paused it did not know.
 */
type PauseCode = 'limitReached' | 'needsAuthorization' | 'noDocument' | 'failed';
const PAUSE_CODES: readonly string[] = ['limitReached', 'needsAuthorization', 'noDocument', 'failed'];

/** What is stored per spreadsheet: the waiting trigger's id, or why the run is paused. */
interface Continuation {
  trigger?: string;
  /** The language of the person who scheduled it: a time trigger has no locale of its own. */
  locale?: string;
  paused?: PauseCode;
  detail?: string;
}

/** A stored pause in this execution's language (a note stored as text by an older version is shown as it is). */
function noteOf(stored: Continuation): string | undefined {
  const code = stored.paused;
  if (code === undefined) return undefined;
  if (!PAUSE_CODES.includes(code)) return String(code);
  return code === 'failed' ? words().pause.failed(stored.detail ?? '') : words().pause[code];
}

const keyFor = (spreadsheetId: string) => `${KEY_PREFIX}${spreadsheetId}`;

function read(spreadsheetId: string): Continuation {
  const raw = PropertiesService.getUserProperties().getProperty(keyFor(spreadsheetId));
  try {
    const value = JSON.parse(raw ?? '{}') as Continuation;
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function write(spreadsheetId: string, value: Continuation): void {
  const props = PropertiesService.getUserProperties();
  if (!value.trigger && !value.paused) props.deleteProperty(keyFor(spreadsheetId));
  else props.setProperty(keyFor(spreadsheetId), JSON.stringify(value));
}

function activeId(): string | undefined {
  return SpreadsheetApp.getActive()?.getId() ?? undefined;
}

/** Deletes the project triggers with these ids (the add-on may hold only a few triggers per person). */
function deleteTriggers(ids: ReadonlySet<string>): void {
  if (ids.size === 0) return;
  for (const t of ScriptApp.getProjectTriggers()) if (ids.has(t.getUniqueId())) ScriptApp.deleteTrigger(t);
}

/** Why creating a trigger failed, as a pause a person can act on. */
function pauseFor(error: unknown): Continuation {
  const text = error instanceof Error ? error.message : String(error);
  if (/too many/i.test(text)) return { paused: 'limitReached' };
  if (/authori[sz]/i.test(text)) return { paused: 'needsAuthorization' };
  return { paused: 'failed', detail: text };
}

/**
 * Schedules the continuation unless one is already waiting; returns why the run is paused when it could not be
 * scheduled (never throws: the run itself is saved and stays resumable).
 */
export function scheduleContinuation(): string | undefined {
  const spreadsheetId = activeId();
  if (!spreadsheetId) return noteOf({ paused: 'noDocument' });
  const stored = read(spreadsheetId);
  if (stored.trigger && ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === stored.trigger)) {
    return undefined;
  }
  try {
    const trigger = ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
    write(spreadsheetId, { trigger: trigger.getUniqueId(), locale: language() });
    return undefined;
  } catch (error) {
    const paused = pauseFor(error);
    write(spreadsheetId, paused);
    return noteOf(paused);
  }
}

/**
 * Removes this spreadsheet's continuation trigger (the one that fired, `triggerUid`, and the one we stored) and
 * forgets it, along with any pause note: the run is being worked on, or is finished.
 */
export function deleteContinuation(triggerUid: string | undefined): void {
  const spreadsheetId = activeId();
  const stored = spreadsheetId ? read(spreadsheetId) : {};
  const ids = new Set([triggerUid, stored.trigger].filter((id): id is string => !!id));
  deleteTriggers(ids);
  if (spreadsheetId && (stored.trigger || stored.paused)) write(spreadsheetId, {});
}

/** The language the waiting continuation was scheduled in ('' when none is stored). */
export function continuationLocale(): string {
  const spreadsheetId = activeId();
  return (spreadsheetId ? read(spreadsheetId).locale : undefined) ?? '';
}

/** Why this person's run in this spreadsheet is paused, if it is. */
export function pausedNote(): string | undefined {
  const spreadsheetId = activeId();
  return spreadsheetId ? noteOf(read(spreadsheetId)) : undefined;
}

/** Leaves the run paused (the background continuation stopped for this reason; nothing else will pick it up). */
export function pauseContinuation(reason: string): void {
  const spreadsheetId = activeId();
  if (spreadsheetId) write(spreadsheetId, { paused: 'failed', detail: reason });
}

/**
 * The continuation fired without a document: delete it (found by its id) and mark the run of the spreadsheet it
 * was made for as paused, without touching that run (document properties are out of reach here).
 */
export function pauseWithoutDocument(triggerUid: string | undefined): void {
  if (triggerUid) deleteTriggers(new Set([triggerUid]));
  const props = PropertiesService.getUserProperties();
  for (const key of Object.keys(props.getProperties())) {
    if (!key.startsWith(KEY_PREFIX)) continue;
    const spreadsheetId = key.slice(KEY_PREFIX.length);
    if (triggerUid && read(spreadsheetId).trigger === triggerUid) write(spreadsheetId, { paused: 'noDocument' });
  }
}
