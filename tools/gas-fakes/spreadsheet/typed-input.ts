/**
 * What a cell holds after a value is written "as a person typing" (Range.setValue(s) and user edits): Sheets parses
 * strings. '=…' is a formula, '123' a number, 'TRUE' a boolean, '2024-01-02' a date — unless the string starts with an
 * apostrophe (kept as text without it) or the cell's number format is plain text ('@').
 */

import { types } from 'node:util';
import { zonedToUtc } from '../time-zone';

export type CellValue = string | number | boolean | Date;

export interface ParsedInput {
  /** undefined: the cell is empty. */
  value?: CellValue;
  formula?: string;
  /** The number format Sheets gives a cell that had none when a date is typed (it keeps the typed layout). */
  autoFormat?: string;
}

export const PLAIN_TEXT = '@';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))\s?%$/;
const CURRENCY = /^([+-]?)\$(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.?\d*|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])[Mm])?$/;

export function parseInput(raw: unknown, numberFormat: string | undefined, timeZone: string): ParsedInput {
  if (raw === null || raw === undefined) return {};
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  if (types.isDate(raw)) return { value: new Date((raw as Date).getTime()) };
  const text = typeof raw === 'string' ? raw : String(raw);
  if (text === '') return {};
  if (numberFormat === PLAIN_TEXT) return { value: text };
  if (text.startsWith("'")) {
    const rest = text.slice(1);
    return rest === '' ? {} : { value: rest };
  }
  if (text.startsWith('=') && text.length > 1) return { formula: text, value: formulaResult(text) };
  const trimmed = text.trim();
  const parsed = parseLiteral(trimmed, timeZone);
  if (parsed === null) return { value: text };
  const autoFormat = dateFormatOf(trimmed);
  return autoFormat && parsed instanceof Date ? { value: parsed, autoFormat } : { value: parsed };
}

function dateFormatOf(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso)
    return iso[4] === undefined ? 'yyyy-mm-dd' : iso[6] === undefined ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd hh:mm:ss';
  const us = US_DATE.exec(text);
  if (us) return us[4] === undefined ? 'm/d/yyyy' : 'm/d/yyyy h:mm:ss';
  return null;
}

function parseLiteral(text: string, timeZone: string): CellValue | null {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (NUMBER.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ''));
  const percent = PERCENT.exec(text);
  if (percent) return Number(percent[1]) / 100;
  const money = CURRENCY.exec(text);
  if (money) return Number(`${money[1]}${(money[2] as string).replace(/,/g, '')}`);
  return parseDate(text, timeZone);
}

function validDate(y: number, m: number, d: number, h: number, mi: number, s: number): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function parseDate(text: string, timeZone: string): Date | null {
  const iso = ISO_DATE.exec(text);
  const us = iso ? null : US_DATE.exec(text);
  if (iso || us) {
    const m = (iso ?? us) as RegExpExecArray;
    const [y, mo, d] = iso ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(m[3]), Number(m[1]), Number(m[2])];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    if (!validDate(y, mo, d, h, mi, s)) return null;
    return new Date(zonedToUtc(timeZone, y, mo, d, h, mi, s));
  }
  const time = TIME.exec(text);
  if (time) {
    let h = Number(time[1]);
    const mi = Number(time[2]);
    const s = Number(time[3] ?? 0);
    const meridiem = time[4]?.toLowerCase();
    if (meridiem && (h < 1 || h > 12)) return null;
    if (meridiem === 'p' && h < 12) h += 12;
    if (meridiem === 'a' && h === 12) h = 0;
    if (h > 23 || mi > 59 || s > 59) return null;
    // Sheets stores a bare time as that time on its day zero, 1899-12-30.
    return new Date(zonedToUtc(timeZone, 1899, 12, 30, h, mi, s));
  }
  return null;
}

/**
 * The fakes do not evaluate formulas. A formula cell reads back as an error value, never as the text that was written,
 * so a test notices when product code lets a name like "=SUM(1,2) Sam" become a formula.
 */
export function formulaResult(formula: string): string {
  return /^=\s*[A-Za-z_][\w.]*\s*\(.*\)\s*$/.test(formula) ? '#NAME?' : '#ERROR!';
}
