/** URL_Fetch.HTTPResponse over a response the sync client received. */

import { FakeBlob } from './blob';
import { toSignedBytes } from './bytes';
import { asApi, type FakeSpec } from './fake';

type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;

const RESPONSE_API = [
  'getAllHeaders',
  'getAs',
  'getBlob',
  'getContent',
  'getContentText',
  'getHeaders',
  'getResponseCode',
] as const satisfies readonly (keyof HTTPResponse)[];

/**
 * Header names as Apps Script shows them ("Content-Type"), not as the wire sends them (HTTP/2 is lower case): product
 * code that reads `headers['content-type']` breaks in production, so it breaks here too.
 */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-');
}

export class FakeHttpResponse implements Pick<HTTPResponse, (typeof RESPONSE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'HTTPResponse', methods: RESPONSE_API };

  constructor(
    readonly status: number,
    private readonly headers: ReadonlyArray<readonly [string, string]>,
    readonly body: Buffer,
    /** Strict lowercaseHeaders: names as HTTP/2 sends them ('retry-after'), which Apps Script may pass through. */
    private readonly lowercaseNames = false,
  ) {}

  getResponseCode(): number {
    return this.status;
  }
  getContentText(charset?: string): string {
    const declared = /charset=([^;]+)/i.exec(this.header('content-type') ?? '')?.[1];
    const encoding = (charset ?? declared ?? 'utf-8').trim().toLowerCase();
    if (encoding === 'us-ascii' || encoding === 'ascii') return this.body.toString('ascii');
    if (encoding === 'iso-8859-1' || encoding === 'latin1') return this.body.toString('latin1');
    return this.body.toString('utf8');
  }
  getContent(): number[] {
    return toSignedBytes(this.body);
  }
  /** Repeated headers (Set-Cookie) become arrays. */
  getAllHeaders(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of this.headers) {
      const key = this.nameOf(name);
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return out;
  }
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.headers) out[this.nameOf(name)] = value;
    return out;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return asApi(new FakeBlob(Buffer.from(this.body), this.header('content-type') ?? null, null));
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return asApi(new FakeBlob(Buffer.from(this.body), String(contentType), null));
  }

  private nameOf(name: string): string {
    return this.lowercaseNames ? name.toLowerCase() : canonicalHeaderName(name);
  }

  private header(name: string): string | undefined {
    return this.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  }
}
