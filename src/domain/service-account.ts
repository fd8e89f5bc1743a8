/**
 * Service-account keys and the JWT-bearer grant (RFC 7523), pure: parsing a key file a person pasted, and building
 * the claims to sign. Signing and the HTTP exchange happen in the adapter (Utilities, UrlFetchApp).
 */

import { words } from './messages';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const APP_SCOPE = 'https://www.googleapis.com/auth/chat.app.memberships';
const LIFETIME_SECONDS = 3600;

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
}

export type KeyParse = { ok: true; key: ServiceAccountKey } | { ok: false; reason: string };

/** Reads a JSON key file as downloaded from the Cloud console; says what is wrong without echoing the key. */
export function parseServiceAccountKey(text: unknown): KeyParse {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: words().error.pasteKey };
  if (text.length > 20_000) return { ok: false, reason: words().error.keyTooLong };
  let json: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    json = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, reason: words().error.keyNotJson };
  }
  if (json.type !== 'service_account') return { ok: false, reason: words().error.keyNotServiceAccount };
  const email = json.client_email;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.iam\.gserviceaccount\.com$/.test(email)) {
    return { ok: false, reason: words().error.keyNoEmail };
  }
  const pem = json.private_key;
  if (
    typeof pem !== 'string' ||
    !/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n?$/.test(pem)
  ) {
    return { ok: false, reason: words().error.keyNoPrivateKey };
  }
  // A key file names where to exchange it; only Google's own endpoint ever receives our signed assertion.
  if (json.token_uri !== undefined && json.token_uri !== GOOGLE_TOKEN_URL) {
    return { ok: false, reason: words().error.keyTokenUri(GOOGLE_TOKEN_URL) };
  }
  return { ok: true, key: { clientEmail: email, privateKey: pem } };
}

/** UTF-8, by hand: pure code has no TextEncoder or btoa (and claims are ASCII in practice, but be exact). */
export function base64UrlFromText(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return base64UrlFromBytes(bytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes (signed or unsigned, as Apps Script returns them) to unpadded base64url. */
export function base64UrlFromBytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = (bytes[i] ?? 0) & 0xff;
    const b = (bytes[i + 1] ?? 0) & 0xff;
    const c = (bytes[i + 2] ?? 0) & 0xff;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += ALPHABET[n & 63];
  }
  return out;
}

/** The part of the JWT that gets signed: header and claims, base64url-encoded and joined by a dot. */
export function unsignedAssertion(clientEmail: string, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = {
    iss: clientEmail,
    scope: APP_SCOPE,
    aud: GOOGLE_TOKEN_URL,
    iat: nowSeconds,
    exp: nowSeconds + LIFETIME_SECONDS,
  };
  return `${base64UrlFromText(JSON.stringify(header))}.${base64UrlFromText(JSON.stringify(claims))}`;
}
