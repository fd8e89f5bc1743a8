/**
 * A second editor of the spreadsheet with a bound script of their own: it can write every cell (hidden columns
 * too), notes, sheet titles and DOCUMENT-visibility developer metadata, copy sheets and append to any sheet. Script
 * writes fire no edit trigger. It cannot see the add-on's PROJECT-visibility metadata or its document and user
 * properties (those belong to the add-on's script project); the fakes enforce that through `sim.asScript`.
 */

import type { Harness } from '../support/harness';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const MEMBER_SHEET_KEY = 'chatSpaceRoles.memberSheet';

export interface AttackerScript {
  ss: Spreadsheet;
  sheet(title: string): Sheet;
  /** Sets one cell's value as a script does (no trigger fires). */
  write(title: string, a1: string, value: string): void;
  /** The row's cells (1-based row), as the script reads them. */
  row(title: string, row: number): string[];
  properties: GoogleAppsScript.Properties.Properties;
}

/** Runs `attack` as `email`'s own bound script (their project, not the add-on's). */
export function asAttacker<T>(h: Harness, email: string, attack: (script: AttackerScript) => T): T {
  return h.env.sim.asScript(email, () => {
    const ss = h.env.globals.SpreadsheetApp.getActive();
    const sheet = (title: string) => {
      const found = ss.getSheetByName(title);
      if (!found) throw new Error(`attacker: no sheet ${title}`);
      return found;
    };
    return attack({
      ss,
      sheet,
      write: (title, a1, value) => {
        const range = sheet(title).getRange(a1);
        range.setNumberFormat('@');
        range.setValue(value);
      },
      row: (title, row) => sheet(title).getRange(row, 1, 1, 9).getValues()[0]?.map(String) ?? [],
      properties: h.env.globals.PropertiesService.getDocumentProperties(),
    });
  });
}
