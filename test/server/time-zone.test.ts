/**
 * Times in the spreadsheet's time zone (issue 13, "Words"): a Status cell and the Audit sheet show the wall clock of
 * the zone set in File › Settings (Spreadsheet.getSpreadsheetTimeZone()), not the script's zone (appsscript.json)
 * nor UTC. Sources for the zone's forms: test/domain/zoned-time.test.ts.
 */

import { zonedTime } from '../../src/domain/zoned-time';
import { ALICE, type Harness, rowOf, startHarness } from '../support/harness';

describe('times in the spreadsheet’s time zone', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
  });
  afterEach(() => h.stop());

  /** Alice sets a role and applies it; returns the row's Status and the newest Audit time, and the instants around. */
  function applyAs(member: string, role: string) {
    const r = rowOf(h, 'Launch team', member);
    h.env.sim.userEdit(ALICE, 'Launch team', `E${r}`, role, { paste: true });
    const before = h.env.clock.now();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    const after = h.env.clock.now();
    const status = String(h.env.spreadsheet.getSheetByName('Launch team')?.getRange(`F${r}`).getValue());
    const audit = h.env.spreadsheet.getSheetByName('Audit')?.getDataRange().getValues() ?? [];
    return { status, auditTime: String(audit.at(-1)?.[0]), before, after };
  }

  /** Every minute (or second) stamp the zone's clock showed between two instants. */
  const shown = (before: number, after: number, zone: string, seconds = false) => {
    const step = seconds ? 1000 : 60_000;
    const stamps = new Set<string>();
    for (let t = before - (before % step); t <= after; t += step) stamps.add(zonedTime(t, zone, seconds));
    return [...stamps];
  };

  it('writes a Status time and an Audit time in Asia/Taipei, then in America/New_York, as the sheet’s zone says', () => {
    h.env.spreadsheet.setSpreadsheetTimeZone('Asia/Taipei');
    const taipei = applyAs('carol@example.com', 'Manager');
    expect(taipei.status).toMatch(/^✓ Now Manager · \d{4}-\d\d-\d\d \d\d:\d\d GMT\+8$/);
    expect(shown(taipei.before, taipei.after, 'Asia/Taipei')).toContain(taipei.status.split(' · ')[1]);
    expect(shown(taipei.before, taipei.after, 'Asia/Taipei', true)).toContain(taipei.auditTime);

    h.env.spreadsheet.setSpreadsheetTimeZone('America/New_York');
    const newYork = applyAs('dan@example.com', 'Manager');
    // GMT-5 in winter, GMT-4 in summer: the zone's rules, not a fixed offset.
    expect(newYork.status).toMatch(/^✓ Now Manager · \d{4}-\d\d-\d\d \d\d:\d\d GMT-[45]$/);
    expect(shown(newYork.before, newYork.after, 'America/New_York')).toContain(newYork.status.split(' · ')[1]);
    expect(shown(newYork.before, newYork.after, 'America/New_York', true)).toContain(newYork.auditTime);
    // The script's own zone (the fakes default it to UTC) is never the one shown.
    expect(newYork.status).not.toMatch(/GMT$/);
  });
});
