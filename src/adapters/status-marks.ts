/**
 * Interim Status cells of a running bulk apply: a few sheet calls per sheet, whatever the number of rows. The Role
 * and key columns are read again (rows may have been sorted, moved or deleted since the run was planned: a cell is
 * never written by a remembered position), then each distinct text goes to all its cells in one RangeList write.
 */

import type { StatusMark } from '../app/ports';
import { COL, HEADER_ROWS } from '../domain/member-row';

const letter = (col: number) => String.fromCharCode(64 + col);

/** Writes the marks whose row is found once by key and whose Role cell still asks for the change; returns how many. */
export function markStatuses(sheet: GoogleAppsScript.Spreadsheet.Sheet, marks: readonly StatusMark[]): number {
  if (marks.length === 0) return 0;
  const first = HEADER_ROWS + 1;
  // Role to key columns down to the sheet's last row (a sheet always keeps a row below its frozen header).
  const cells = sheet.getRange(`${letter(COL.role)}${first}:${letter(COL.key)}`).getValues();
  const rowsByKey = new Map<string, number[]>();
  cells.forEach((row, i) => {
    const key = String(row[COL.key - COL.role] ?? '');
    if (key) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), i]);
  });
  const byText = new Map<string, number[]>();
  for (const mark of marks) {
    const found = rowsByKey.get(mark.key);
    // A key copied onto a second row makes both untrusted: the full outcome says so when the space finishes.
    if (found?.length !== 1) continue;
    const index = found[0] as number;
    if (!mark.onlyIf(String(cells[index]?.[0] ?? ''))) continue;
    byText.set(mark.text, [...(byText.get(mark.text) ?? []), first + index]);
  }
  let written = 0;
  for (const [text, rows] of byText) {
    sheet
      .getRangeList(spans(rows).map(([a, b]) => `${letter(COL.status)}${a}:${letter(COL.status)}${b}`))
      .setValue(text);
    written += rows.length;
  }
  return written;
}

/** Sheet rows as runs of consecutive rows ([first, last]), so a block of rows is one A1 range. */
function spans(rows: readonly number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const row of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else out.push([row, row]);
  }
  return out;
}
