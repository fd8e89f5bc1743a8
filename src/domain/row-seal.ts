/**
 * Unforgeable row identity. Hidden cells are neither secret nor protected: any editor can paste one member's key
 * cells under another member's name. So each row's snapshot carries a seal: an HMAC (keyed by a secret that lives
 * only in the add-on's document properties) over what Chat answered for the row — membership, name, email, type,
 * state, role — and over where the row belongs: the sheet's id, its space and access, and the load generation (a
 * row from an earlier load, or from another sheet, does not verify). A row is trusted only when its seal verifies
 * and its visible and hidden cells agree with the sealed snapshot.
 */

import type { Access } from './access';

export interface SealContext {
  sheetId: number;
  space: string;
  access: Access;
  /** Bumped on every load of the sheet: rows sealed by an earlier load stop verifying. */
  generation: number;
}

/** The sealed fields of a snapshot, in a fixed order. */
export type SealedFields = readonly [
  name: string,
  email: string,
  type: string,
  state: string,
  key: string,
  role: string,
];

export function sealPayload(context: SealContext, fields: SealedFields): string {
  return ['seal-v1', context.sheetId, context.space, context.access, context.generation, JSON.stringify(fields)].join(
    '|',
  );
}

/** Signs and verifies payloads (HMAC-SHA256 with the document's secret; the adapter owns the key). */
export interface Sealer {
  seal(payload: string): string;
}

/** Constant-shape comparison: the seal is checked in full, never by prefix. */
export function sealsMatch(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  return diff === 0;
}
