/** A1 notation: "B3", "A1:C10", "A:C" (whole columns), "2:5" (whole rows), "A2:C" (open end), "'My sheet'!A1". */

import { GasError } from '../errors';

export interface GridRange {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Whole rows and whole columns keep their notation ("2:2") and are what row/column metadata attaches to. */
export type RangeShape = 'cells' | 'rows' | 'columns';

export interface ParsedA1 {
  sheetName: string | null;
  range: GridRange;
  shape: RangeShape;
}

export function columnLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function splitSheet(a1: string): { sheetName: string | null; ref: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(a1);
  if (quoted) return { sheetName: (quoted[1] as string).replace(/''/g, "'"), ref: quoted[2] as string };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), ref: a1.slice(bang + 1) };
  return { sheetName: null, ref: a1 };
}

export function parseA1(a1: string, maxRows: number, maxCols: number): ParsedA1 {
  const { sheetName, ref } = splitSheet(a1.trim());
  const pieces = ref.split(':');
  if (pieces.length > 2) throw new GasError('Range not found');
  const parsed = pieces.map((piece) => {
    const m = PART.exec(piece);
    if (!m || (m[1] === undefined && m[2] === undefined)) throw new GasError('Range not found');
    return { col: m[1] === undefined ? null : columnNumber(m[1]), row: m[2] === undefined ? null : Number(m[2]) };
  });
  const [start, end] = parsed as [
    { col: number | null; row: number | null },
    { col: number | null; row: number | null }?,
  ];
  let shape: RangeShape = 'cells';
  let r1: number;
  let r2: number;
  let c1: number;
  let c2: number;
  if (!end) {
    if (start.col === null || start.row === null) throw new GasError('Range not found');
    r1 = r2 = start.row;
    c1 = c2 = start.col;
  } else {
    if (start.col === null && end.col === null) shape = 'rows';
    else if (start.row === null && end.row === null) shape = 'columns';
    r1 = start.row ?? 1;
    r2 = end.row ?? maxRows;
    c1 = start.col ?? 1;
    c2 = end.col ?? maxCols;
  }
  if (r1 < 1 || c1 < 1 || r2 < 1 || c2 < 1) throw new GasError('Range not found');
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  const range = { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
  if (range.row + range.numRows - 1 > maxRows || range.col + range.numCols - 1 > maxCols) {
    throw new GasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { sheetName, range, shape };
}

export function toA1(range: GridRange, shape: RangeShape = 'cells'): string {
  const lastRow = range.row + range.numRows - 1;
  const lastCol = range.col + range.numCols - 1;
  if (shape === 'rows') return `${range.row}:${lastRow}`;
  if (shape === 'columns') return `${columnLetters(range.col)}:${columnLetters(lastCol)}`;
  const first = `${columnLetters(range.col)}${range.row}`;
  if (range.numRows === 1 && range.numCols === 1) return first;
  return `${first}:${columnLetters(lastCol)}${lastRow}`;
}
