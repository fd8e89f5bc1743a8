/**
 * Times shown to people (Status cells, the Audit sheet), on the wall clock of the spreadsheet's time zone: the zone
 * everyone sharing the sheet sees in File › Settings, not the script's zone nor UTC. The zone comes from the adapter
 * (Spreadsheet.getSpreadsheetTimeZone()); pure code only formats.
 *
 * Sheets names zones in CLDR/IANA form ("America/New_York") and, when it does not recognise one, as a custom offset
 * ("GMT-07:00"): both are understood here; anything else is shown in UTC and says so.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** A custom zone as Sheets writes it ("GMT-07:00", "GMT+5:30", "UTC+8"): its offset in minutes. */
function fixedOffsetMinutes(timeZone: string): number | undefined {
  const m = /^(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(timeZone.trim());
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Offsets already worked out, by zone and instant: a run writes the outcomes of one wave (one answer time) as a Status
 * stamp and an Audit time each, so most instants are asked for again and again, and formatToParts is the costly part.
 * Bounded; cleared when full.
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 512;

/** Minutes the zone's wall clock is ahead of UTC at `time` (the zone's rules, summer time included). */
function offsetMinutes(time: number, timeZone: string): number {
  const key = `${timeZone}|${time}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffsetMinutes(time, timeZone);
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffsetMinutes(time: number, timeZone: string): number {
  const fixed = fixedOffsetMinutes(timeZone);
  if (fixed !== undefined) return fixed;
  const f = formatter(timeZone);
  if (!f) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(time))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wall - (time - (((time % 1000) + 1000) % 1000))) / 60_000);
}

const two = (n: number) => String(n).padStart(2, '0');

/** "GMT+8", "GMT-4", "GMT+5:30", "GMT" (the form Google's own pages use for an offset). */
function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  return `GMT${minutes < 0 ? '-' : '+'}${hours}${abs % 60 ? `:${two(abs % 60)}` : ''}`;
}

/** Whether a zone is one this module can show (an unknown one is shown as UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
  return fixedOffsetMinutes(timeZone) !== undefined || formatter(timeZone) !== undefined;
}

/**
 * "2026-12-02 09:40 GMT+8": the date and time on the zone's wall clock, with the offset so that a reader in another
 * zone can tell. `seconds` adds them (the Audit sheet, where answers a second apart are told apart).
 */
export function zonedTime(at: Date | number, timeZone: string, seconds = false): string {
  const time = typeof at === 'number' ? at : at.getTime();
  const offset = isKnownTimeZone(timeZone) ? offsetMinutes(time, timeZone) : 0;
  const wall = new Date(time + offset * 60_000);
  const date = `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
  const clock = `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}${seconds ? `:${two(wall.getUTCSeconds())}` : ''}`;
  return `${date} ${clock} ${offsetLabel(offset)}`;
}
