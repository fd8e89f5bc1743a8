/** Opaque page tokens bound to the request that produced them (the API rejects a token reused with other params). */

import { createHash } from 'node:crypto';
import { invalidArgument } from './errors';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

interface TokenBody {
  o: number;
  h: string;
}

const fingerprint = (params: Record<string, string | undefined>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(params).sort()))
    .digest('base64url')
    .slice(0, 16);

/** Reads pageSize: absent or 0 → default, above the max → the max, negative or not a number → 400. */
export function pageSizeOf(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size)) throw invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  if (size < 0) throw invalidArgument('Page size must not be negative.');
  if (size === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

/** Slices `items` for one page; `params` are the request's other parameters, which must match across pages. */
export function paginate<T>(
  items: readonly T[],
  pageSize: number,
  pageToken: string | null,
  params: Record<string, string | undefined>,
): { page: T[]; nextPageToken?: string } {
  const hash = fingerprint(params);
  let offset = 0;
  if (pageToken) {
    let body: TokenBody | undefined;
    try {
      body = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as TokenBody;
    } catch {
      body = undefined;
    }
    if (!body || !Number.isSafeInteger(body.o) || body.o < 0 || typeof body.h !== 'string') {
      throw invalidArgument('Invalid page token.');
    }
    if (body.h !== hash) {
      throw invalidArgument(
        'The page token does not match the request: other parameters must stay the same across pages.',
      );
    }
    offset = body.o;
  }
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  if (next >= items.length) return { page };
  return { page, nextPageToken: Buffer.from(JSON.stringify({ o: next, h: hash })).toString('base64url') };
}
