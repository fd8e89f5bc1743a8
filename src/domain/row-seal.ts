/**
 * Unforgeable row identity. Hidden cells are neither secret nor protected: any editor can paste one member's key
 * cells under another member's name. So each row's snapshot carries a seal: an HMAC (keyed by a secret that lives
 * only in the add-on's document properties) over what Chat answered for the row — membership, name, email, type,
 * state, role — and over where the row belongs: the sheet's id, its space and access, and the load generation (a
 * row from an earlier load, or from another sheet, does not verify). A row is trusted only when its seal verifies
 * and its visible and hidden cells agree with the sealed snapshot.
 */

import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
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
  return sealPrefix(context) + JSON.stringify(fields);
}

/** What every payload of one sheet's seals starts with: the place the row belongs. */
const sealPrefix = (context: SealContext) =>
  ['seal-v1', context.sheetId, context.space, context.access, context.generation, ''].join('|');

/** UTF-8 bytes of a string. Apps Script's V8 has no TextEncoder, which @noble/hashes' own helper needs. */
export function utf8(text: string): Uint8Array {
  return utf8Into(text, new Uint8Array(text.length));
}

/**
 * UTF-8 bytes of a string, in `scratch` when it is ASCII and fits (most payloads: ids, emails, English names, one
 * byte a character): a sheet of 50,000 rows then allocates no array a row. The view is valid until the next call.
 */
function utf8Into(text: string, scratch: Uint8Array): Uint8Array {
  if (text.length > scratch.length) return utf8Any(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return utf8Any(text);
    scratch[i] = c;
  }
  return scratch.subarray(0, text.length);
}

function utf8Any(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * The seal of a row: HMAC-SHA256 keyed by the document's secret, first 128 bits in hex. Computed in the bundle
 * (@noble/hashes, audited, no dependencies) rather than with Utilities.computeHmacSha256Signature, so sealing the
 * 50,000 rows of Chat's largest space costs no Apps Script service calls.
 *
 * `remember`: keep each seal for later checks in this execution (an Apply's plans). A load seals every row once and
 * checks none of them, so it does not fill the memo with 10,000 entries.
 */
export function sealer(secret: string, context: SealContext, remember = true): (fields: SealedFields) => string {
  // The keyed state, with the sheet's prefix already hashed, is computed once; each row's seal continues from a copy
  // of it made into one scratch object (a sheet of 50,000 rows would otherwise allocate two hash states a row).
  const prefix = sealPrefix(context);
  const keyed = hmac.create(sha256, utf8(secret)).update(utf8(prefix));
  const scratch = keyed.clone();
  const out = new Uint8Array(32);
  const bytes = new Uint8Array(1024);
  const memo = memoFor(secret);
  const compute = (json: string) => {
    keyed._cloneInto(scratch);
    scratch.update(utf8Into(json, bytes)).digestInto(out);
    return bytesToHex(out.subarray(0, 16));
  };
  if (!remember) return (fields) => compute(JSON.stringify(fields));
  return (fields) => {
    const json = JSON.stringify(fields);
    const payload = prefix + json;
    let seal = memo.seals.get(payload);
    if (seal === undefined) {
      seal = compute(json);
      if (memo.seals.size >= MEMO_LIMIT) memo.seals.clear();
      memo.seals.set(payload, seal);
    }
    return seal;
  };
}

/**
 * Seals computed in this execution, by payload: an Apply plans every sheet twice (for the confirmation, then again
 * under the lock) and each plan checks the seal of every row it changes, and a cold execution spends most of its
 * planning time in HMAC. The seal is a function of the secret and the payload alone, so a repeat is answered from
 * here. Bounded, so the 50,000 rows of Chat's largest space cannot hold on to memory.
 */
const MEMO_LIMIT = 20_000;
let memo: { secret: string; seals: Map<string, string> } | undefined;

function memoFor(secret: string): { seals: Map<string, string> } {
  if (memo?.secret !== secret) memo = { secret, seals: new Map() };
  return memo;
}

/** Constant-shape comparison: the seal is checked in full, never by prefix. */
export function sealsMatch(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ actual.charCodeAt(i);
  return diff === 0;
}
