/**
 * Where a bulk run's progress lives between executions: document properties (every editor's executions see the
 * same document; a run belongs to the person who started it). A run is split over several values because one
 * property value holds at most 9 KB.
 */

import { decodePlan, decodeProgress, encodePlan, encodeProgress } from '../domain/run-codec';
import { decodeRunEnd, encodeRunEnd, type RunEnd } from '../domain/run-end';
import { applyJournal, decodeJournal, encodeJournal } from '../domain/run-journal';
import { chunk, decodeRun, type RunJob, type RunState } from '../domain/run-state';
import { decodeUndo, encodeUndo, type UndoRecord } from '../domain/undo-record';

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
  const progressText = joined(all, `${base}.s`);
  if (progressText === undefined) {
    const legacy = joined(all, base);
    return legacy === undefined ? undefined : decodeRun(legacy);
  }
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
  layouts.set(base, {
    ...fresh(run.runId, false),
    segments: [...progress.segments],
    progressPieces: Number(all[`${base}.s.n`]),
    generation: progress.generation,
    journal: journal && follows ? journal.sent : [],
  });
  return run;
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

/**
 * The person's last bulk apply in this spreadsheet, for Undo: in their user properties (only the add-on running as
 * them can write there), keyed by the spreadsheet, in pieces of one property value each.
 */
let spreadsheetId: string | undefined;
/** Keyed by the spreadsheet (user properties are shared by every spreadsheet); its id read once per execution. */
function perSpreadsheet(prefix: 'undo' | 'ended'): string {
  if (spreadsheetId === undefined) spreadsheetId = SpreadsheetApp.getActive().getId();
  return `${prefix}.${spreadsheetId}`;
}
const undoKey = () => perSpreadsheet('undo');

export function saveUndo(_user: string, record: UndoRecord): void {
  const props = PropertiesService.getUserProperties();
  const base = undoKey();
  const before = Number(props.getProperty(`${base}.n`) ?? 0);
  const text = record.changes.length > 0 ? encodeUndo(record) : undefined;
  const pieces = text === undefined ? [] : chunk(text);
  const values: Record<string, string> = { [`${base}.n`]: String(pieces.length) };
  pieces.forEach((piece, i) => {
    values[`${base}.${i}`] = piece;
  });
  // A run too large to undo is marked so, or its later outcomes would start a new, partial record: Undo would then
  // reverse only the end of the run.
  const tooLarge = record.changes.length > 0 && text === undefined;
  if (tooLarge) values[`${base}.over`] = record.runId;
  props.setProperties(values);
  if (!tooLarge) props.deleteProperty(`${base}.over`);
  for (let i = pieces.length; i < before; i++) props.deleteProperty(`${base}.${i}`);
}

export function appendUndo(user: string, runId: string, changes: UndoRecord['changes']): void {
  if (changes.length === 0) return;
  if (PropertiesService.getUserProperties().getProperty(`${undoKey()}.over`) === runId) return;
  const last = lastUndo(user);
  const kept = last?.runId === runId ? last.changes : [];
  saveUndo(user, { runId, changes: [...kept, ...changes] });
}

export function lastUndo(_user: string): UndoRecord | undefined {
  const props = PropertiesService.getUserProperties();
  const base = undoKey();
  const count = Number(props.getProperty(`${base}.n`) ?? 0);
  if (!count) return undefined;
  const all = props.getProperties();
  let text = '';
  for (let i = 0; i < count; i++) text += all[`${base}.${i}`] ?? '';
  return decodeUndo(text);
}

/** How the person's last run here ended (one small value in their user properties, next to the Undo record). */
export function saveEnd(_user: string, end: RunEnd): void {
  PropertiesService.getUserProperties().setProperty(perSpreadsheet('ended'), encodeRunEnd(end));
}

export function lastEnd(_user: string): RunEnd | undefined {
  return decodeRunEnd(PropertiesService.getUserProperties().getProperty(perSpreadsheet('ended')));
}
