/** The add-on's own Audit and Preview sheets: found by the ids it stored, titled so they never take a member sheet's name. */

import { type OwnSheet, ownSheetId } from './bindings';

export function ownSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  which: OwnSheet,
): GoogleAppsScript.Spreadsheet.Sheet | undefined {
  const id = ownSheetId(which);
  if (id === undefined) return undefined;
  // One round trip, however many sheets the spreadsheet has (the Audit sheet is looked up on every recorded space).
  return ss.getSheetById(id) ?? undefined;
}

/** "Audit", or "Audit (2)" when an editor (or a space) already has a sheet by that name. */
export function ownSheetTitle(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string): string {
  let title = base;
  for (let n = 2; ss.getSheetByName(title); n++) title = `${base} (${n})`;
  return title;
}
