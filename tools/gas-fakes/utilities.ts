/** Utilities: sleep on the injectable clock, dates, UUIDs, base64, digests and signatures (node:crypto), blobs. */

import { createHash, createHmac, createSign } from 'node:crypto';
import { format } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FakeBlob } from './blob';
import { toBuffer, toSignedBytes } from './bytes';
import { GasError } from './errors';
import { asApi, enumName, type FakeSpec, gasEnum } from './fake';
import { formatDate } from './format-date';
import type { Runtime } from './runtime';

type Utilities = GoogleAppsScript.Utilities.Utilities;

export const Charset = gasEnum<typeof GoogleAppsScript.Utilities.Charset>(['US_ASCII', 'UTF_8']);
export const DigestAlgorithm = gasEnum<typeof GoogleAppsScript.Utilities.DigestAlgorithm>([
  'MD2',
  'MD5',
  'SHA_1',
  'SHA_256',
  'SHA_384',
  'SHA_512',
]);
export const MacAlgorithm = gasEnum<typeof GoogleAppsScript.Utilities.MacAlgorithm>([
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
]);
export const RsaAlgorithm = gasEnum<typeof GoogleAppsScript.Utilities.RsaAlgorithm>(['RSA_SHA_1', 'RSA_SHA_256']);

/** Utilities.sleep's documented maximum. */
export const MAX_SLEEP_MS = 300_000;

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
  RSA_SHA_1: 'RSA-SHA1',
  RSA_SHA_256: 'RSA-SHA256',
};

const UTILITIES_API = [
  'base64Decode',
  'base64DecodeWebSafe',
  'base64Encode',
  'base64EncodeWebSafe',
  'computeDigest',
  'computeHmacSha256Signature',
  'computeHmacSignature',
  'computeRsaSha256Signature',
  'computeRsaSignature',
  'formatDate',
  'formatString',
  'getUuid',
  'gzip',
  'newBlob',
  'parseCsv',
  'sleep',
  'ungzip',
] as const satisfies readonly (keyof Utilities)[];
const UTILITIES_PROPS = [
  'Charset',
  'DigestAlgorithm',
  'MacAlgorithm',
  'RsaAlgorithm',
] as const satisfies readonly (keyof Utilities)[];

export class FakeUtilities
  implements Pick<Utilities, (typeof UTILITIES_API)[number] | (typeof UTILITIES_PROPS)[number]>
{
  static readonly gas: FakeSpec = { kind: 'Utilities', methods: UTILITIES_API, props: UTILITIES_PROPS };
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly RsaAlgorithm = RsaAlgorithm;
  private uuids = 0;

  constructor(private readonly runtime: Runtime) {}

  /** Advances the clock (instantly when virtual); a sleep past the execution's time limit ends the execution there. */
  sleep(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0 || milliseconds > MAX_SLEEP_MS) {
      throw new GasError('Invalid argument: milliseconds');
    }
    this.runtime.sleep(milliseconds, 'Utilities.sleep');
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, pattern: string): string {
    return formatDate(date as unknown as Date, String(timeZone), String(pattern));
  }
  formatString(template: string, ...args: unknown[]): string {
    return format(String(template), ...args);
  }
  /** Deterministic, well-formed version-4 UUIDs. */
  getUuid(): string {
    const hex = (++this.uuids).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  }
  base64Encode(data: string | number[], _charset?: GoogleAppsScript.Utilities.Charset): string {
    return toBuffer(data).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], _charset?: GoogleAppsScript.Utilities.Charset): string {
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    return toSignedBytes(decode(String(encoded).replace(/\s/g, ''), /^[A-Za-z0-9+/]*={0,2}$/));
  }
  base64DecodeWebSafe(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    const text = String(encoded).replace(/\s/g, '');
    return toSignedBytes(decode(text.replace(/-/g, '+').replace(/_/g, '/'), /^[A-Za-z0-9+/]*={0,2}$/));
  }
  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: string | number[]): number[] {
    return toSignedBytes(createHash(algorithmOf(algorithm)).update(toBuffer(value)).digest());
  }
  computeHmacSha256Signature(value: string | number[], key: string | number[]): number[] {
    return toSignedBytes(createHmac('sha256', toBuffer(key)).update(toBuffer(value)).digest());
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | number[],
    key: string | number[],
  ): number[] {
    return toSignedBytes(createHmac(algorithmOf(algorithm), toBuffer(key)).update(toBuffer(value)).digest());
  }
  computeRsaSha256Signature(value: string, key: string): number[] {
    return this.rsa('RSA-SHA256', value, key);
  }
  computeRsaSignature(algorithm: GoogleAppsScript.Utilities.RsaAlgorithm, value: string, key: string): number[] {
    return this.rsa(algorithmOf(algorithm), value, key);
  }
  newBlob(data: string | number[], contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
    return asApi(new FakeBlob(toBuffer(data), contentType ?? null, name ?? null));
  }
  /**
   * gzip-compresses a blob into a new one ("application/x-gzip"). Its input is recorded like a stored value: the
   * product keeps gzipped text in properties, and a leak scan must still see what went in.
   */
  gzip(blob: GoogleAppsScript.Base.BlobSource, name?: string): GoogleAppsScript.Base.Blob {
    const data = toBuffer(blob.getBlob().getBytes());
    this.runtime.recorder.record('gzip input', data.toString('utf8'));
    return asApi(new FakeBlob(gzipSync(data), 'application/x-gzip', name ?? null));
  }
  /** The uncompressed blob; data that is not gzip throws (Apps Script's message is not documented). */
  ungzip(blob: GoogleAppsScript.Base.BlobSource): GoogleAppsScript.Base.Blob {
    try {
      return asApi(new FakeBlob(gunzipSync(toBuffer(blob.getBlob().getBytes())), null, null));
    } catch {
      throw new GasError('Invalid argument: blob');
    }
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    return parseCsv(String(csv), delimiter);
  }

  private rsa(algorithm: string, value: string, key: string): number[] {
    try {
      return toSignedBytes(createSign(algorithm).update(String(value), 'utf8').sign(String(key)));
    } catch {
      throw new GasError('Invalid argument: key');
    }
  }
}

function algorithmOf(value: unknown): string {
  const name = ALGORITHMS[enumName(value)];
  if (!name) throw new GasError(`Invalid argument: algorithm (${enumName(value)})`);
  return name;
}

function decode(text: string, valid: RegExp): Buffer {
  if (!valid.test(text)) throw new GasError('Could not decode string.');
  return Buffer.from(text, 'base64');
}

function parseCsv(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv.charAt(i);
    if (quoted) {
      if (ch === '"' && csv.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
