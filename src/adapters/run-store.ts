/**
 * Where a bulk run's progress lives between executions: document properties (every editor's executions see the
 * same document; a run belongs to the person who started it). A run is split over several values because one
 * property value holds at most 9 KB.
 */

import { chunk, decodeRun, encodeRun, type RunState } from '../domain/run-state';
import { decodeUndo, encodeUndo, type UndoRecord } from '../domain/undo-record';

const PREFIX = 'run.';

const keyFor = (user: string) => `${PREFIX}${user.toLowerCase()}`;

/** Pieces each stored run has, as last read or written in this execution (saves a read on every save). */
const storedPieces = new Map<string, number>();

export function loadRun(user: string): RunState | undefined {
  const props = PropertiesService.getDocumentProperties();
  const all = props.getProperties();
  const base = keyFor(user);
  const count = Number(all[`${base}.n`] ?? 0);
  storedPieces.set(base, count);
  if (!count) return undefined;
  let text = '';
  for (let i = 0; i < count; i++) text += all[`${base}.${i}`] ?? '';
  return decodeRun(text);
}

/** Saves the run in one PropertiesService call, and removes pieces left over from a longer earlier save. */
export function saveRun(run: RunState): void {
  const props = PropertiesService.getDocumentProperties();
  const base = keyFor(run.user);
  const pieces = chunk(encodeRun(run));
  const values: Record<string, string> = { [`${base}.n`]: String(pieces.length) };
  pieces.forEach((piece, i) => {
    values[`${base}.${i}`] = piece;
  });
  const before = storedPieces.get(base) ?? Number(props.getProperty(`${base}.n`) ?? 0);
  props.setProperties(values);
  for (let i = pieces.length; i < before; i++) props.deleteProperty(`${base}.${i}`);
  storedPieces.set(base, pieces.length);
}

export function deleteRun(user: string): void {
  const props = PropertiesService.getDocumentProperties();
  const base = keyFor(user);
  for (const key of Object.keys(props.getProperties())) {
    if (key === `${base}.n` || key.startsWith(`${base}.`)) props.deleteProperty(key);
  }
  storedPieces.set(base, 0);
}

/**
 * The person's last bulk apply in this spreadsheet, for Undo: in their user properties (only the add-on running as
 * them can write there), keyed by the spreadsheet, in pieces of one property value each.
 */
let spreadsheetId: string | undefined;
/** Keyed by the spreadsheet (user properties are shared by every spreadsheet); its id read once per execution. */
function undoKey(): string {
  if (spreadsheetId === undefined) spreadsheetId = SpreadsheetApp.getActive().getId();
  return `undo.${spreadsheetId}`;
}

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
  props.setProperties(values);
  for (let i = pieces.length; i < before; i++) props.deleteProperty(`${base}.${i}`);
}

export function appendUndo(user: string, runId: string, changes: UndoRecord['changes']): void {
  if (changes.length === 0) return;
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
