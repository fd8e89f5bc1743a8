/**
 * Where a bulk run's progress lives between executions: document properties (every editor's executions see the
 * same document; a run belongs to the person who started it). A run is split over several values because one
 * property value holds at most 9 KB.
 */

import type { UnseenWrite } from '../app/ports';
import { decodePlan, decodeProgress, encodePlan, encodeProgress } from '../domain/run-codec';
import { applyJournal, decodeJournal, encodeJournal } from '../domain/run-journal';
import { chunk, decodeRun, type RunJob, type RunState } from '../domain/run-state';

const PREFIX = 'run.';

const keyFor = (user: string) => `${PREFIX}${user.toLowerCase()}`;

/**
 * Keys of one person's run: `.s.*` the progress (rewritten every few seconds), `.j` the writes sent since (one small
 * value, see run-journal.ts), `.p<k>.*` plan segment k (written once), `.n` and `.<i>` a run saved by an earlier
 * version (one JSON value, read once and replaced). Matched exactly: `run.al@x.com.` must not also match the keys of
 * al@x.com.au.
 */
const ownKey = (base: string, key: string) =>
  key.startsWith(`${base}.`) && /^(n|\d+|j|s\.(n|\d+)|p\d+\.(n|\d+))$/.test(key.slice(base.length + 1));

/** What this execution knows is stored for a person: the run's id, its segments' job counts, progress pieces. */
interface Layout {
  runId: string;
  segments: number[];
  progressPieces: number;
  /** The stored progress's generation, and the writes journaled since it (positions and attempts). */
  generation: number;
  journal: number[];
  /** Where each job of the run is (the journal names jobs by position), for the jobs array it was made for. */
  positions?: { of: readonly RunJob[]; at: Map<RunJob, number> };
  /** Keys that may belong to something else than `runId` (a damaged or earlier run): removed before a new run. */
  stale: boolean;
}
const layouts = new Map<string, Layout>();

/** A value split over `${base}.n` pieces, joined; undefined when there is none. */
function joined(all: Record<string, string>, base: string): string | undefined {
  const count = Number(all[`${base}.n`] ?? 0);
  if (!(count > 0)) return undefined;
  let text = '';
  for (let i = 0; i < count; i++) text += all[`${base}.${i}`] ?? '';
  return text;
}

function pieces(values: Record<string, string>, base: string, text: string): number {
  const parts = chunk(text);
  values[`${base}.n`] = String(parts.length);
  parts.forEach((part, i) => {
    values[`${base}.${i}`] = part;
  });
  return parts.length;
}

/** The plan is written once per segment: gzip (Apps Script's own) and base64 make it about a fifth of its JSON. */
const pack = (text: string) =>
  Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(text, 'application/json')).getBytes());

function unpack(text: string): string | undefined {
  try {
    return Utilities.ungzip(Utilities.newBlob(Utilities.base64Decode(text), 'application/x-gzip')).getDataAsString();
  } catch {
    return undefined;
  }
}

/**
 * Plan segments decoded in this execution, by key, with the stored text they came from: a sidebar step loads the run
 * three times, and a segment never changes once written, so it is unzipped and parsed once. The cached jobs are never
 * handed out (the engine changes the ones it gets): each load gets copies.
 */
const decodedPlans = new Map<
  string,
  { packed: string; runId: string; first: number; plan: NonNullable<ReturnType<typeof decodePlan>> }
>();

function planSegment(all: Record<string, string>, key: string, runId: string, first: number) {
  const packed = joined(all, key);
  if (packed === undefined) return undefined;
  let cached = decodedPlans.get(key);
  if (!cached || cached.packed !== packed || cached.runId !== runId || cached.first !== first) {
    const plan = decodePlan(unpack(packed) ?? '', runId, first);
    if (!plan) return undefined;
    cached = { packed, runId, first, plan };
    decodedPlans.set(key, cached);
  }
  const { jobs, titles } = cached.plan;
  return { jobs: jobs.map((job) => ({ ...job })), titles };
}

export function loadRun(user: string): RunState | undefined {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const base = keyFor(user);
  const hasKeys = Object.keys(all).some((key) => ownKey(base, key));
  layouts.set(base, fresh('', hasKeys));
  if (joined(all, `${base}.s`) === undefined) {
    const legacy = joined(all, base);
    return legacy === undefined ? undefined : decodeRun(legacy);
  }
  const read = readRun(all, user);
  if (read) layouts.set(base, read.layout);
  return read?.run;
}

/** A person's run as stored in `all` (progress, plan segments, journal), and where its pieces are. */
function readRun(all: Record<string, string>, user: string): { run: RunState; layout: Layout } | undefined {
  const base = keyFor(user);
  const progressText = joined(all, `${base}.s`);
  if (progressText === undefined) return undefined;
  const progress = decodeProgress(progressText);
  if (!progress || progress.user.toLowerCase() !== user.toLowerCase()) return undefined;
  const run: RunState = {
    runId: progress.runId,
    kind: progress.kind,
    user: progress.user,
    startedAt: progress.startedAt,
    titles: {},
    jobs: [],
  };
  for (let k = 0; k < progress.segments.length; k++) {
    const plan = planSegment(all, `${base}.p${k}`, run.runId, run.jobs.length);
    if (!plan || plan.jobs.length !== progress.segments[k]) return undefined;
    run.jobs.push(...plan.jobs);
    Object.assign(run.titles, plan.titles);
  }
  if (!progress.apply(run.jobs)) return undefined;
  const journal = decodeJournal(all[`${base}.j`]);
  const follows = journal?.runId === run.runId && journal.generation === progress.generation;
  if (journal && follows && !applyJournal(run.jobs, journal)) return undefined;
  if (progress.settled) run.settled = progress.settled;
  const layout = {
    ...fresh(run.runId, false),
    segments: [...progress.segments],
    progressPieces: Number(all[`${base}.s.n`]),
    generation: progress.generation,
    journal: journal && follows ? journal.sent : [],
  };
  return { run, layout };
}

/** A job whose write may be in Chat while its row does not show it: answer never read, or not yet written. */
const unseen = (job: RunJob) => job.state === 'inflight' || (job.state === 'applied' && !job.recorded);

/**
 * Memberships that someone else's open run here may have changed in Chat while their rows do not show it yet: a
 * write sent whose answer was never read (its execution ended: it may or may not be in Chat), or one applied but not
 * yet written to the sheet. Each with whose run it is and the role. Document properties hold every person's run,
 * and only the add-on writes them.
 */
export function unseenWritesOfOthers(user: string): Map<string, UnseenWrite[]> {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const own = keyFor(user);
  const unseenWrites = new Map<string, UnseenWrite[]>();
  for (const key of Object.keys(all)) {
    if (!key.startsWith(PREFIX) || !key.endsWith('.s.n') || key === `${own}.s.n`) continue;
    const other = key.slice(PREFIX.length, -'.s.n'.length);
    const run = readRun(all, other)?.run;
    if (!run) continue;
    for (const job of run.jobs) {
      if (unseen(job))
        unseenWrites.set(job.key, [...(unseenWrites.get(job.key) ?? []), { user: run.user, to: job.to }]);
    }
  }
  return unseenWrites;
}

/**
 * Saves the run in one PropertiesService call: the progress, and a plan segment only for jobs added since the last
 * save (usually none: the waves rewrite only the progress, a few hundred bytes to a few kB).
 */
export function saveRun(run: RunState): void {
  const props = PropertiesService.getDocumentProperties();
  const base = keyFor(run.user);
  let layout = layouts.get(base);
  if (!layout) {
    // Not loaded in this execution: whatever is stored is read once (rare: every use case loads before it saves).
    loadRun(run.user);
    layout = layouts.get(base) as Layout;
  }
  const planned = layout.segments.reduce((a, b) => a + b, 0);
  if (layout.runId !== run.runId || planned > run.jobs.length) {
    // Another run (or none, or a damaged one) is stored: this run's plan starts afresh.
    if (layout.stale) for (const key of props.getKeys()) if (ownKey(base, key)) props.deleteProperty(key);
    layout = fresh(run.runId, false);
  }
  const values: Record<string, string> = {};
  const start = layout.segments.reduce((a, b) => a + b, 0);
  if (run.jobs.length > start) {
    const k = layout.segments.length;
    pieces(values, `${base}.p${k}`, pack(encodePlan(run.runId, start, run.jobs.slice(start), run.titles)));
    layout.segments.push(run.jobs.length - start);
  }
  const before = layout.progressPieces;
  // A new generation: the journal stored so far belongs to the progress this one replaces, and is ignored from now.
  layout.generation = Math.max(0, layout.generation) + 1;
  layout.journal = [];
  layout.progressPieces = pieces(values, `${base}.s`, encodeProgress(run, layout.segments, layout.generation));
  props.setProperties(values);
  for (let i = layout.progressPieces; i < before; i++) props.deleteProperty(`${base}.s.${i}`);
  layouts.set(base, layout);
}

/** The journal grows by a few bytes a write; past this it is cheaper (and within one value) to save the progress. */
const JOURNAL_LIMIT = 8000;

/**
 * Records that these jobs (about to be sent) may reach Chat, in one small property write: what saveRun would have
 * stored about them, without re-encoding the whole run. Falls back to saveRun when this execution has not saved or
 * loaded this run, or when the journal would outgrow one value.
 */
export function markSent(run: RunState, jobs: readonly RunJob[]): void {
  const base = keyFor(run.user);
  const layout = layouts.get(base);
  const journal = layout && journalWith(layout, run, jobs);
  if (!layout || !journal) {
    saveRun(run);
    return;
  }
  PropertiesService.getDocumentProperties().setProperty(`${base}.j`, journal.text);
  layout.journal = journal.sent;
}

/** The layout's journal with these jobs added, or undefined when it cannot take them (then the progress is saved). */
function journalWith(layout: Layout, run: RunState, jobs: readonly RunJob[]) {
  if (layout.runId !== run.runId || layout.generation < 1) return undefined;
  if (layout.positions?.of !== run.jobs)
    layout.positions = { of: run.jobs, at: new Map(run.jobs.map((j, i) => [j, i])) };
  const sent = [...layout.journal];
  for (const job of jobs) {
    const at = layout.positions.at.get(job);
    if (at === undefined) return undefined;
    sent.push(at, job.attempts);
  }
  const text = encodeJournal({ runId: run.runId, generation: layout.generation, sent });
  return text.length > JOURNAL_LIMIT ? undefined : { text, sent };
}

export function deleteRun(user: string): void {
  const props = PropertiesService.getDocumentProperties();
  const base = keyFor(user);
  for (const key of props.getKeys()) if (ownKey(base, key)) props.deleteProperty(key);
  layouts.set(base, fresh('', false));
}

function fresh(runId: string, stale: boolean): Layout {
  return { runId, segments: [], progressPieces: 0, generation: 0, journal: [], stale };
}
