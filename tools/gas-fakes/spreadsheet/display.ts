/** Range.getDisplayValues: the text Sheets shows for a value under its number format (en_US locale). */

import { types } from 'node:util';
import { formatDate } from '../format-date';
import { zonedParts } from '../time-zone';
import { type CellValue, PLAIN_TEXT } from './typed-input';

/** Sheets date formats the fakes understand, mapped to SimpleDateFormat. */
const DATE_FORMATS: Record<string, string> = {
  'yyyy-mm-dd': 'yyyy-MM-dd',
  'yyyy-mm-dd hh:mm': 'yyyy-MM-dd HH:mm',
  'yyyy-mm-dd hh:mm:ss': 'yyyy-MM-dd HH:mm:ss',
  'm/d/yyyy': 'M/d/yyyy',
  'm/d/yyyy h:mm:ss': 'M/d/yyyy H:mm:ss',
  'mm/dd/yyyy': 'MM/dd/yyyy',
  'dd/mm/yyyy': 'dd/MM/yyyy',
  'h:mm': 'H:mm',
  'h:mm:ss': 'H:mm:ss',
  'hh:mm': 'HH:mm',
  'hh:mm:ss': 'HH:mm:ss',
};

export function displayValue(value: CellValue | undefined, numberFormat: string | undefined, timeZone: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (types.isDate(value)) return displayDate(value as Date, numberFormat, timeZone);
  return displayNumber(value as number, numberFormat);
}

function displayDate(date: Date, numberFormat: string | undefined, timeZone: string): string {
  const mapped = numberFormat ? DATE_FORMATS[numberFormat.toLowerCase()] : undefined;
  if (mapped) return formatDate(date, timeZone, mapped);
  const p = zonedParts(date.getTime(), timeZone);
  if (p.year === 1899 && p.month === 12 && p.day === 30) return formatDate(date, timeZone, 'H:mm:ss');
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  return formatDate(date, timeZone, midnight ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss');
}

function displayNumber(n: number, numberFormat: string | undefined): string {
  if (!Number.isFinite(n)) return '#NUM!';
  const format = numberFormat ?? '';
  if (format === PLAIN_TEXT) return String(n);
  const percent = /^0(?:\.(0+))?%$/.exec(format);
  if (percent) return `${(n * 100).toFixed(percent[1]?.length ?? 0)}%`;
  const fixed = /^0(?:\.(0+))?$/.exec(format);
  if (fixed) return n.toFixed(fixed[1]?.length ?? 0);
  const grouped = /^#,##0(?:\.(0+))?$/.exec(format);
  if (grouped) {
    const digits = grouped[1]?.length ?? 0;
    return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  // "General": integers as typed, up to ~10 significant digits otherwise, scientific for very large or small.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'e')
      .replace('e', 'E');
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}
