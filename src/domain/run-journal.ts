/**
 * The sent journal of a bulk run. The at-most-once protocol needs every write stored as "may have reached Chat"
 * (inflight) before it is sent. Rewriting the whole progress for that before every wave costs a pass over every job
 * of the run (10,000 in the largest), several times a second; so the progress is rewritten every few seconds, and in
 * between each wave's writes are added to this small value, one property write like the progress's own.
 *
 * A journal belongs to one saved progress: the same run id and the same generation (a counter the progress carries,
 * raised at each save). A newer progress makes it stale without deleting it, in the same single property write.
 * Read back, it only ever moves a queued job to inflight (never a finished one anywhere): a resumed run then checks
 * those jobs before sending anything for them, as for any write whose answer was lost.
 */

import type { RunJob } from './run-state';

const FORMAT = 1;

export interface SentJournal {
  runId: string;
  /** The generation of the progress this journal follows. */
  generation: number;
  /** Job positions in the run, each followed by the job's attempts when it was sent. */
  sent: number[];
}

export function encodeJournal(journal: SentJournal): string {
  return JSON.stringify({ v: FORMAT, id: journal.runId, g: journal.generation, s: journal.sent });
}

/** The journal, or undefined when the text is not one (a damaged value is ignored: see `applyJournal`). */
export function decodeJournal(text: string | undefined): SentJournal | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const { id, g, s } = raw;
    if (raw.v !== FORMAT || typeof id !== 'string' || !Number.isInteger(g) || !Array.isArray(s)) return undefined;
    if (s.length % 2 !== 0 || !s.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
    return { runId: id, generation: g as number, sent: s as number[] };
  } catch {
    return undefined;
  }
}

/**
 * Puts a journal onto the jobs of the progress it follows: its jobs still queued there become inflight, with the
 * attempts they were sent with. False when the journal does not fit the jobs (a position past the end): the run is
 * then not continued rather than guessed, as for a damaged progress.
 */
export function applyJournal(jobs: RunJob[], journal: SentJournal): boolean {
  for (let i = 0; i < journal.sent.length; i += 2) {
    const job = jobs[journal.sent[i] as number];
    if (!job) return false;
    if (job.state !== 'queued') continue;
    job.state = 'inflight';
    job.attempts = Math.max(job.attempts, journal.sent[i + 1] as number);
  }
  return true;
}
