/**
 * What ties a sheet to the add-on, kept where only the add-on can write: its document properties (a co-editor's own
 * bound script has properties of its own, and cannot read these). Keyed by the sheet's id, so a copied sheet (a new
 * id) is never bound, and a renamed one still is. Nothing here is ever read from a cell, a note, a title or
 * DOCUMENT-visibility developer metadata.
 * - `sheet.<id>`: a member sheet's binding (space, type, title, access, load generation);
 * - `own.audit`, `own.preview`: the ids of the add-on's Audit and Preview sheets;
 * - `seal.secret`: the document's secret for row seals;
 * - `typed.<id>`: who typed the pending Role cells of a member sheet (written by the edit trigger).
 */

import type { SheetMeta } from '../app/ports';
import { isAccess } from '../domain/access';
import { isSpaceName } from '../domain/resource-names';
import { decodeTypedRecords, encodeTypedRecords, type TypedRecords } from '../domain/typed-by';

const BINDING = 'sheet.';
const SECRET = 'seal.secret';
const TYPED = 'typed.';
export type OwnSheet = 'audit' | 'preview';

const props = () => PropertiesService.getDocumentProperties();

export function parseBinding(sheetId: number, value: string | null | undefined): SheetMeta | undefined {
  if (!value) return undefined;
  try {
    const raw = JSON.parse(value) as Partial<SheetMeta>;
    if (!isSpaceName(raw.space) || typeof raw.spaceType !== 'string' || typeof raw.title !== 'string') return undefined;
    if (!isAccess(raw.access)) return undefined;
    const generation = Number(raw.generation);
    return {
      space: raw.space,
      spaceType: raw.spaceType,
      title: raw.title,
      access: raw.access,
      sheetId,
      generation: Number.isInteger(generation) && generation > 0 ? generation : 1,
    };
  } catch {
    return undefined;
  }
}

/** Every binding, by sheet id, in one read. */
export function allBindings(): Map<number, SheetMeta> {
  const out = new Map<number, SheetMeta>();
  for (const [key, value] of Object.entries(props().getProperties())) {
    if (!key.startsWith(BINDING)) continue;
    const id = Number(key.slice(BINDING.length));
    const meta = parseBinding(id, value);
    if (meta) out.set(id, meta);
  }
  return out;
}

export function bindingOf(sheetId: number): SheetMeta | undefined {
  return parseBinding(sheetId, props().getProperty(`${BINDING}${sheetId}`));
}

/**
 * Binds a sheet to a space and access, and unbinds any other sheet bound to the same pair: two sheets must never
 * both drive writes for one space and access.
 */
export function bind(meta: SheetMeta, others: ReadonlyMap<number, SheetMeta>): void {
  const store = props();
  for (const [id, other] of others) {
    if (id !== meta.sheetId && other.space === meta.space && other.access === meta.access) {
      store.deleteProperty(`${BINDING}${id}`);
    }
  }
  const { space, spaceType, title, access, generation } = meta;
  store.setProperty(`${BINDING}${meta.sheetId}`, JSON.stringify({ space, spaceType, title, access, generation }));
}

export function ownSheetId(which: OwnSheet): number | undefined {
  const value = props().getProperty(`own.${which}`);
  return value === null ? undefined : Number(value);
}

export function setOwnSheetId(which: OwnSheet, id: number): void {
  props().setProperty(`own.${which}`, String(id));
}

/** The document's secret for row seals, made on first use (two random UUIDs: 244 random bits). */
export function sealSecret(): string {
  const store = props();
  const existing = store.getProperty(SECRET);
  if (existing) return existing;
  const secret = `${Utilities.getUuid()}${Utilities.getUuid()}`;
  store.setProperty(SECRET, secret);
  return secret;
}

export function loadTypedRecords(sheetId: number): TypedRecords {
  return decodeTypedRecords(props().getProperty(`${TYPED}${sheetId}`));
}

export function saveTypedRecords(sheetId: number, records: TypedRecords): void {
  if (records.size === 0) props().deleteProperty(`${TYPED}${sheetId}`);
  else props().setProperty(`${TYPED}${sheetId}`, encodeTypedRecords(records));
}
