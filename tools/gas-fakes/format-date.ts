/** Utilities.formatDate: Java SimpleDateFormat patterns, rendered in a time zone. */

import { GasError } from './errors';
import { zonedParts, zoneOffsetMs } from './time-zone';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(offsetMs: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (offsetMs === 0 && style !== 'Z') return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMs / 60000));
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'X') return `${sign}${hh}`;
  if (style === 'XXX') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

function zoneName(time: number, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(time))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new GasError('Invalid argument: date');
  const at: Instant = { time, timeZone, parts: zonedParts(time, timeZone) };
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const [text, next] = quoted(pattern, i);
      out += text;
      i = next;
    } else if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
    } else {
      let n = 1;
      while (pattern.charAt(i + n) === ch) n++;
      i += n;
      out += formatField(ch, n, at);
    }
  }
  return out;
}

interface Instant {
  time: number;
  timeZone: string;
  parts: ReturnType<typeof zonedParts>;
}

/** Quoted literal text starting at `start` ('' is one quote): the text and the index after it. */
function quoted(pattern: string, start: number): [string, number] {
  const end = pattern.indexOf("'", start + 1);
  if (end === start + 1) return ["'", start + 2];
  if (end < 0) throw new GasError(`Unterminated quote in date pattern: ${pattern}`);
  return [pattern.slice(start + 1, end), end + 1];
}

/** One pattern letter repeated n times ("yyyy", "MMM", "HH"), as SimpleDateFormat renders it. */
function formatField(ch: string, n: number, { time, timeZone, parts: p }: Instant): string {
  switch (ch) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L':
      return (n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1]?.slice(0, 3) : pad(p.month, n)) ?? '';
    case 'd':
      return pad(p.day, n);
    case 'D': {
      const dayOfYear = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
      return pad(dayOfYear, n);
    }
    case 'E':
      return (n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday]?.slice(0, 3)) ?? '';
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
    case 'z':
      return zoneName(time, timeZone);
    case 'Z':
      return offsetText(zoneOffsetMs(time, timeZone), 'Z');
    case 'X':
      return offsetText(zoneOffsetMs(time, timeZone), n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
    default:
      throw new GasError(`Illegal pattern character '${ch}'`);
  }
}
