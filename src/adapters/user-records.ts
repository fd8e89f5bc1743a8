/**
 * What the add-on keeps for one person about their runs in this spreadsheet, in their user properties (only the
 * add-on running as them can write there; nobody else's executions read them): the record Undo reverses, and how
 * their last run ended. The run itself, which others' executions must see, is in run-store.ts.
 */

import { decodeRunEnd, encodeRunEnd, type RunEnd } from '../domain/run-end';
import { chunk } from '../domain/run-state';
import { decodeUndo, encodeUndo, type UndoRecord } from '../domain/undo-record';

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
