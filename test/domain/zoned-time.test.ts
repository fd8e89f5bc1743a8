/**
 * Times in the spreadsheet's time zone (issue 13, "Words"). What Google documents, as found (the Apps Script pages for
 * Spreadsheet.getSpreadsheetTimeZone() and Utilities.formatDate were not in the searched reference corpus):
 * - the value getSpreadsheetTimeZone() returns is the spreadsheet's time-zone property, which the Sheets API's
 *   SpreadsheetProperties.timeZone describes as "The time zone of the spreadsheet, in CLDR format such as
 *   America/New_York. If the time zone isn't recognized, this may be a custom time zone such as GMT-07:00"
 *   (https://pub.dev/documentation/googleapis/latest/sheets_v4/SpreadsheetProperties/timeZone.html, generated from
 *   Google's discovery document): hence the custom-offset case below;
 * - Utilities.formatDate(date, timeZone, pattern) needs a zone too (examples pass Session.getScriptTimeZone(), the
 *   script's zone, which is the mistake this fixes). The add-on formats with Intl.DateTimeFormat's timeZone option
 *   (standard in the V8 runtime) so the formatter stays pure and is tested here without the fakes.
 */

import { isKnownTimeZone, zonedTime } from '../../src/domain/zoned-time';

// 2026-12-02 01:40:05 UTC: New York on standard time (EST, UTC-5).
const WINTER = Date.UTC(2026, 11, 2, 1, 40, 5);
// 2026-07-01 12:00:00 UTC: New York on summer time (EDT, UTC-4).
const SUMMER = Date.UTC(2026, 6, 1, 12, 0, 0);

describe('times on the wall clock of the spreadsheet’s time zone', () => {
  it('shows the same instant as Taipei and New York read it, with the offset', () => {
    expect(zonedTime(WINTER, 'Asia/Taipei')).toBe('2026-12-02 09:40 GMT+8');
    expect(zonedTime(WINTER, 'America/New_York')).toBe('2026-12-01 20:40 GMT-5');
    expect(zonedTime(WINTER, 'Etc/UTC')).toBe('2026-12-02 01:40 GMT');
  });

  it('follows summer time', () => {
    expect(zonedTime(SUMMER, 'America/New_York')).toBe('2026-07-01 08:00 GMT-4');
    expect(zonedTime(SUMMER, 'Asia/Taipei')).toBe('2026-07-01 20:00 GMT+8');
  });

  it('writes seconds when asked (the Audit sheet), and half-hour offsets', () => {
    expect(zonedTime(new Date(WINTER), 'Asia/Taipei', true)).toBe('2026-12-02 09:40:05 GMT+8');
    expect(zonedTime(WINTER, 'Asia/Kolkata')).toBe('2026-12-02 07:10 GMT+5:30');
  });

  it('understands a custom zone as Sheets writes one ("GMT-07:00")', () => {
    expect(isKnownTimeZone('GMT-07:00')).toBe(true);
    expect(zonedTime(WINTER, 'GMT-07:00')).toBe('2026-12-01 18:40 GMT-7');
    expect(zonedTime(WINTER, 'GMT+05:30')).toBe('2026-12-02 07:10 GMT+5:30');
  });

  it('falls back to UTC, and says so, for a zone it does not know', () => {
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(zonedTime(WINTER, 'Mars/Olympus_Mons')).toBe('2026-12-02 01:40 GMT');
    expect(zonedTime(WINTER, '')).toBe('2026-12-02 01:40 GMT');
  });

  it('crosses midnight and the year in the zone, not in UTC', () => {
    const newYearInTaipei = Date.UTC(2026, 11, 31, 16, 30);
    expect(zonedTime(newYearInTaipei, 'Asia/Taipei')).toBe('2027-01-01 00:30 GMT+8');
    expect(zonedTime(newYearInTaipei, 'America/New_York')).toBe('2026-12-31 11:30 GMT-5');
  });
  it('answers an instant asked again (a wave’s outcomes share one) exactly as the first time, zone by zone', () => {
    // New York leaves summer time at 06:00 UTC on 2026-11-01: the instants a second apart around it differ.
    const change = Date.UTC(2026, 10, 1, 6, 0, 0);
    for (let round = 0; round < 3; round++) {
      for (const zone of ['America/New_York', 'Asia/Taipei', 'GMT-07:00']) {
        expect(zonedTime(WINTER, zone, true)).toBe(zonedTime(new Date(WINTER), zone, true));
      }
      expect(zonedTime(change - 1000, 'America/New_York', true)).toBe('2026-11-01 01:59:59 GMT-4');
      expect(zonedTime(change, 'America/New_York', true)).toBe('2026-11-01 01:00:00 GMT-5');
      expect(zonedTime(change, 'Asia/Taipei', true)).toBe('2026-11-01 14:00:00 GMT+8');
    }
    // More instants than are kept: still right after the cache is cleared.
    for (let i = 0; i < 1200; i++) expect(zonedTime(SUMMER + i * 60_000, 'Etc/UTC').endsWith(' GMT')).toBe(true);
    expect(zonedTime(SUMMER, 'America/New_York')).toBe('2026-07-01 08:00 GMT-4');
  });
});
