/**
 * Status cells that follow a bulk run while it goes on (issue 13 bug 5), at a bounded cost. A space's full outcomes
 * (time, reasons, Role and hidden cells) are still written when the space finishes; until then, every MARK_EVERY_MS
 * the rows answered since the last round get a short text, the same for every row of one outcome ("✓ Applied",
 * "✗ Failed"), written through MemberSheet.markStatuses: a read of three columns and one RangeList write per text,
 * so about four sheet calls per sheet, whatever the number of rows.
 *
 * Each sheet call is a round trip in Apps Script (tens to hundreds of ms). Ten seconds keeps what a person watching
 * sees at most a few waves behind, while a round costs a few percent of the run's time; a round marks at most
 * MARK_SHEETS sheets, the one on screen first, so a run over many spaces does not pay a round trip per sheet every
 * ten seconds (the others still get their outcomes as their spaces finish).
 */

import { words } from '../domain/messages';
import { asks } from '../domain/run-engine';
import type { RunJob } from '../domain/run-state';
import type { MemberSheet, Sheets, StatusMark } from './ports';

export const MARK_EVERY_MS = 10_000;
export const MARK_SHEETS = 2;

/** Sheets are found by space and access: a space loaded as the person and as an admin has two sheets. */
export const sheetKey = (space: string, access: string) => `${space}|${access}`;

/** What a finished job's row says until its space is done; undefined leaves the row alone. */
function markOf(job: RunJob): StatusMark | undefined {
  // A superseded change: the newer edit owns the row and its Status. Live edits (a paste) keep their one write.
  if (job.live || (job.state !== 'applied' && job.state !== 'failed')) return undefined;
  const w = words().status;
  return {
    key: job.key,
    text: job.state === 'applied' ? w.appliedSoFar : w.failedSoFar,
    onlyIf: (role) => asks(job, role),
  };
}

export class StatusMarker {
  private readonly marked = new Set<RunJob>();

  constructor(
    private last: number,
    private readonly sheets: Sheets,
  ) {}

  /**
   * After a wave: when a round is due, marks the rows of `finished` (answered, not yet written in full, in the order
   * the answers came) not marked yet. `beforeWrite` runs first (the run is saved, so the progress shown never lags the sheet).
   */
  round(
    now: number,
    finished: () => readonly RunJob[],
    sheetOf: (key: string) => MemberSheet | undefined,
    beforeWrite: () => void,
  ): void {
    if (now - this.last < MARK_EVERY_MS) return;
    this.last = now;
    const bySheet = new Map<string, { job: RunJob; mark: StatusMark }[]>();
    for (const job of finished()) {
      const mark = this.marked.has(job) ? undefined : markOf(job);
      if (!mark) continue;
      const key = sheetKey(job.space, job.access);
      bySheet.set(key, [...(bySheet.get(key) ?? []), { job, mark }]);
    }
    if (bySheet.size === 0) return;
    // `finished` is in the order answers came: the sheets whose rows have waited longest come first.
    let keys = [...bySheet.keys()];
    if (keys.length > MARK_SHEETS) {
      const active = this.sheets.activeMemberSheet()?.meta;
      const onScreen = active && sheetKey(active.space, active.access);
      keys = [...keys.filter((k) => k === onScreen), ...keys.filter((k) => k !== onScreen)].slice(0, MARK_SHEETS);
    }
    beforeWrite();
    for (const key of keys) {
      const entries = bySheet.get(key) ?? [];
      sheetOf(key)?.markStatuses(entries.map((e) => e.mark));
      for (const { job } of entries) this.marked.add(job);
    }
  }
}
