/** The preview server's HTTP plumbing: JSON bodies in and out, files, and request-field checks. */

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';

const MAX_BODY_BYTES = 1024 * 1024;
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isFunctionName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z$][\w$]*$/.test(v);

export function field<T>(body: Record<string, unknown>, name: string, check: (v: unknown) => v is T, what: string): T {
  const value = body[name];
  if (!check(value)) throw new HttpError(400, `${name} must be ${what}`);
  return value;
}

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function sendText(res: ServerResponse, type: string, text: string | Buffer, csp: string | null): void {
  const headers: Record<string, string> = { 'content-type': type, ...COMMON_HEADERS };
  if (csp) headers['content-security-policy'] = csp;
  res.writeHead(200, headers);
  res.end(text);
}

export function sendFile(res: ServerResponse, path: string, csp: string | null): void {
  sendText(res, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(path), csp);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...COMMON_HEADERS });
  res.end(JSON.stringify(value ?? null));
}

/** A POST's body: JSON, an object, at most 1 MiB. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new HttpError(415, 'send JSON (content-type: application/json)');
  const parsed = await readJson(req);
  if (!isObject(parsed)) throw new HttpError(400, 'the body must be a JSON object');
  return parsed;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new HttpError(413, 'body too large'));
      try {
        resolveBody(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        reject(new HttpError(400, 'the body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** A command's result as the page gets it: {ok, value} or {ok: false, error}. */
export async function outcome(work: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
