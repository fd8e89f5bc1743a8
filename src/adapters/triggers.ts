/**
 * Live editing = one installable edit trigger per user per spreadsheet. The list of people who turned it on is kept
 * in document properties, so each trigger knows whether an edit by someone else will be handled by that person's own
 * trigger (and must be left alone) or has to wait, pending, for them.
 */

export const EDIT_HANDLER = 'onRoleEdit';
const EDITORS_PROPERTY = 'liveEditors';

/** Who has live editing on in this spreadsheet (the add-on's own list, lower-case emails). */
export function liveEditors(): string[] {
  const raw = PropertiesService.getDocumentProperties().getProperty(EDITORS_PROPERTY);
  try {
    const list = JSON.parse(raw ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function saveEditors(list: readonly string[]): void {
  PropertiesService.getDocumentProperties().setProperty(EDITORS_PROPERTY, JSON.stringify([...new Set(list)].sort()));
}

function myEditTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === EDIT_HANDLER);
}

export function isLiveEditingOn(): boolean {
  return myEditTriggers(SpreadsheetApp.getActive()).length > 0;
}

export function hasLiveEditing(email: string): boolean {
  return email !== '' && liveEditors().includes(email.toLowerCase());
}

export function setLiveEditingFor(on: boolean): boolean {
  const ss = SpreadsheetApp.getActive();
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  const existing = myEditTriggers(ss);
  if (on && existing.length === 0) ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(ss).onEdit().create();
  if (!on) for (const trigger of existing) ScriptApp.deleteTrigger(trigger);
  const others = liveEditors().filter((e) => e !== me);
  saveEditors(on ? [...others, me] : others);
  return on;
}
