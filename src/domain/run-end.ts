/**
 * How a person's last bulk run in a spreadsheet ended. A sidebar that did not watch the run (it was started from the
 * menu, or finished by a background continuation while nobody looked) can then say that it ended, when, and with the
 * run's own totals, instead of showing nothing or an older line. Kept where only the add-on running as the person can
 * write (their user properties, like the Undo record): any editor can write cells, notes and document metadata.
 */

export interface RunEnd {
  runId: string;
  kind: 'apply' | 'undo';
  /** Changes applied (undone, for an undo) and failed over the whole run, in every execution. */
  applied: number;
  failed: number;
  /** Epoch milliseconds. */
  endedAt: number;
}

export function encodeRunEnd(end: RunEnd): string {
  // Whole milliseconds: a clock may answer fractions (performance-based ones do), and the record keeps integers.
  const at = Math.floor(end.endedAt);
  return JSON.stringify({ v: 1, id: end.runId, k: end.kind, a: end.applied, f: end.failed, at });
}

const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The record, or undefined for anything that is not one (missing, damaged, or from another version). */
export function decodeRunEnd(text: string | null | undefined): RunEnd | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (raw.v !== 1 || typeof raw.id !== 'string' || (raw.k !== 'apply' && raw.k !== 'undo')) return undefined;
    if (!count(raw.a) || !count(raw.f) || !count(raw.at)) return undefined;
    return { runId: raw.id, kind: raw.k, applied: raw.a, failed: raw.f, endedAt: raw.at };
  } catch {
    return undefined;
  }
}
