/** Status cells that follow a bulk run (issue 13 bug 5): short texts every 10 s, by key, never over a newer edit. */

import { startRun } from '../../src/app/run-executor';
import { MARK_EVERY_MS } from '../../src/app/status-marks';
import { COL } from '../../src/domain/member-row';
import { CATALOGUES } from '../../src/domain/messages';
import type { ApiRole } from '../../src/domain/roles';
import { progressOf } from '../../src/domain/run-state';
import { memoryWorld, toManager } from './memory-ports';

const ALICE = 'alice@example.com';
const SPACE = 'spaces/AAAA';
const meta = { space: SPACE, spaceType: 'SPACE', title: 'Launch team', access: 'user' as const };
const KEYS = Array.from({ length: 15 }, (_, n) => `${SPACE}/members/${n + 1}`);
const en = CATALOGUES.en.status;

const changes = toManager(KEYS, SPACE);

function world() {
  const w = memoryWorld(ALICE, meta, new Map<string, ApiRole>(KEYS.map((k) => [k, 'ROLE_MEMBER'])));
  for (const key of KEYS) {
    w.sheet.type(key, COL.role, 'Manager');
    w.sheet.type(key, COL.status, '⏳ Pending: typed by Alice Ng');
  }
  return w;
}

const statusOf = (w: ReturnType<typeof world>, key: string) => String(w.sheet.cell(key, COL.status));

describe('Status marks of a running bulk apply', () => {
  it('marks rows already applied while the space still runs, a round every 10 s, the saved progress never behind', () => {
    const w = world();
    const start = w.ports.clock.now();
    const seen: { at: number; marked: number; saved: number }[] = [];
    const send = w.chat.sendAll.bind(w.chat);
    w.chat.sendAll = (requests) => {
      const marked = KEYS.filter((k) => statusOf(w, k) === en.appliedSoFar).length;
      const run = w.runs.get(ALICE);
      seen.push({ at: w.ports.clock.now() - start, marked, saved: run ? progressOf(run).done : 0 });
      return send(requests);
    };
    const mark = w.sheet.markStatuses.bind(w.sheet);
    const savedAtMark: [number, number][] = [];
    w.sheet.markStatuses = (list) => {
      const written = mark(list);
      const run = w.runs.get(ALICE);
      savedAtMark.push([run ? progressOf(run).done : 0, written]);
      return written;
    };
    const report = startRun(w.ports, 'apply', changes, { [SPACE]: 'Launch team' }, start + 120_000);
    expect(report.finished).toBe(true);

    // One write a second: 15 changes take about 15 s, so one round, after 10 s, while the last rows still wait.
    const during = seen.filter((s) => s.marked > 0);
    expect(during.length).toBeGreaterThan(0);
    expect(during[0]?.at).toBeGreaterThanOrEqual(MARK_EVERY_MS);
    expect(during[0]?.marked).toBeLessThan(KEYS.length);
    expect(w.sheet.markCalls).toHaveLength(1);
    // What the sheet shows, the saved progress (what the sidebar reads) already counts, from the moment it shows.
    for (const s of seen) expect(s.saved).toBeGreaterThanOrEqual(s.marked);
    for (const [saved, written] of savedAtMark) expect(saved).toBeGreaterThanOrEqual(written);
    // The full outcome replaces every interim text when the space is done.
    for (const key of KEYS) expect(statusOf(w, key)).toMatch(/^✓ Now Manager · /);
  });

  it('leaves alone a row whose Role cell was typed again meanwhile, and a row whose key is on two rows', () => {
    const w = world();
    const [first, second] = KEYS as [string, string];
    const send = w.chat.sendAll.bind(w.chat);
    let typed = false;
    w.chat.sendAll = (requests) => {
      const answers = send(requests);
      // After the first two answers (and before any round), someone types Owner over the first row's Manager.
      if (!typed && w.chat.requests.length === 2) {
        typed = true;
        w.sheet.type(first, COL.role, 'Owner');
        w.sheet.type(first, COL.status, '⏳ Pending: typed by Bob Ortiz');
        // The second row's key copied onto a row below (a paste): neither is trusted with a mark.
        const copy = w.sheet.values.at(-1) as string[];
        copy[COL.key - 1] = second;
      }
      return answers;
    };
    const marks: string[] = [];
    const mark = w.sheet.markStatuses.bind(w.sheet);
    w.sheet.markStatuses = (list) => {
      const written = mark(list);
      marks.push(
        statusOf(w, first),
        w.sheet.values.filter((r) => r[COL.key - 1] === second)[0]?.[COL.status - 1] as string,
      );
      return written;
    };
    startRun(w.ports, 'apply', changes, { [SPACE]: 'Launch team' }, w.ports.clock.now() + 120_000);
    expect(marks).toEqual(['⏳ Pending: typed by Bob Ortiz', '⏳ Pending: typed by Alice Ng']);
  });
});
