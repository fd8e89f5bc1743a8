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

/** The handler of the one-off trigger (an export of src/main.ts). */
export const CONTINUE_HANDLER = 'continueBulkApply';
const CONTINUE_AFTER_MS = 1000;
const KEY_PREFIX = 'continuation.';

export const WORDS = {
  limitReached:
    'The bulk apply is paused: its background continuation could not be scheduled because you have reached the ' +
    'add-on’s trigger limit (live editing in many spreadsheets uses it up). Keep the sidebar open to carry on, or ' +
    'use “Resume bulk apply” in the add-on menu.',
  needsAuthorization:
    'The bulk apply is paused: the add-on needs you to authorise it again before it can continue in the background. ' +
    'Open the add-on menu to authorise, then keep the sidebar open or use “Resume bulk apply”.',
  noDocument:
    'The bulk apply is paused: its background continuation ran without access to this spreadsheet. Keep the ' +
    'sidebar open to carry on, or use “Resume bulk apply” in the add-on menu.',
  failed: (reason: string) =>
    `The bulk apply is paused: its background continuation stopped (${reason}). Keep the sidebar open to carry on, ` +
    'or use “Resume bulk apply” in the add-on menu.',
  noRun: 'There is no unfinished bulk apply.',
  stillGoing: (applied: number, failed: number, pending: number) =>
    `Applied ${applied}, failed ${failed}. ${pending} still to go: continuing in the background.`,
  finished: (applied: number, failed: number) => `Bulk apply finished: applied ${applied}, failed ${failed}.`,
} as const;

/** What is stored per spreadsheet: the waiting trigger's id, or why the run is paused. */
interface Continuation {
  trigger?: string;
  paused?: string;
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

/** Why creating a trigger failed, in words a person can act on. */
function pauseReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/too many/i.test(text)) return WORDS.limitReached;
  if (/authori[sz]/i.test(text)) return WORDS.needsAuthorization;
  return WORDS.failed(text);
}

/**
 * Schedules the continuation unless one is already waiting; returns why the run is paused when it could not be
 * scheduled (never throws: the run itself is saved and stays resumable).
 */
export function scheduleContinuation(): string | undefined {
  const spreadsheetId = activeId();
  if (!spreadsheetId) return WORDS.noDocument;
  const stored = read(spreadsheetId);
  if (stored.trigger && ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === stored.trigger)) {
    return undefined;
  }
  try {
    const trigger = ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
    write(spreadsheetId, { trigger: trigger.getUniqueId() });
    return undefined;
  } catch (error) {
    const paused = pauseReason(error);
    write(spreadsheetId, { paused });
    return paused;
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

/** Why this person's run in this spreadsheet is paused, if it is. */
export function pausedNote(): string | undefined {
  const spreadsheetId = activeId();
  return spreadsheetId ? read(spreadsheetId).paused : undefined;
}

/** Leaves the run paused with this note (the background continuation stopped; nothing else will pick it up). */
export function pauseContinuation(note: string): void {
  const spreadsheetId = activeId();
  if (spreadsheetId) write(spreadsheetId, { paused: note });
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
    if (triggerUid && read(spreadsheetId).trigger === triggerUid) write(spreadsheetId, { paused: WORDS.noDocument });
  }
}
