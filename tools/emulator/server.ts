/** The emulator's HTTP server: Chat API v1 routes plus the /_emulator control API, on 127.0.0.1 only. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiCall } from './api-call';
import type { EmulatorConfig, EmulatorConfigInput } from './config';
import { ApiError } from './errors';
import { sendJson } from './http';
import type { RequestLogEntry } from './request-log';
import { CONTROL_PREFIX, handleControl } from './routes/control';
import { EmulatorRuntime } from './runtime';
import type { ChatState } from './state';

export type { RequestLogEntry } from './request-log';

export interface EmulatorOptions {
  port?: number;
  seed: unknown;
  config?: EmulatorConfigInput;
  /** Most recent requests kept in the log; older ones are dropped so memory stays bounded. */
  logLimit?: number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  state(): ChatState;
  requests(): readonly RequestLogEntry[];
  clearRequests(): void;
  reset(seed: unknown): void;
  configure(partial: unknown): EmulatorConfig;
  readonly config: EmulatorConfig;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Seeds posted to /_emulator/reset can describe large spaces (10,000 members is about 2 MB). */
const MAX_CONTROL_BODY_BYTES = 256 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const rt = new EmulatorRuntime(options.seed, options.config, options.logLimit ?? 200_000);
  const server: Server = createServer((req, res) => {
    readBody(req, (size, body) => {
      const limit = bodyLimit(req);
      if (size > limit) {
        const error = new ApiError('INVALID_ARGUMENT', `Request payload size exceeds the limit: ${limit} bytes.`);
        return sendJson(res, error.code, error.toBody());
      }
      dispatch(rt, req, res, body).catch((e: unknown) => {
        console.error('emulator: unexpected error', e);
        if (!res.headersSent) sendJson(res, 500, new ApiError('INTERNAL', 'Internal error encountered.').toBody());
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state: () => rt.state,
    requests: () => rt.log.all(),
    clearRequests: () => rt.log.clear(),
    reset: (seed: unknown) => rt.reset(seed),
    configure: (partial: unknown) => rt.configure(partial),
    get config() {
      return rt.config;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

const bodyLimit = (req: IncomingMessage) =>
  (req.url ?? '').startsWith(CONTROL_PREFIX) ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES;

/** Reads the whole body; past the limit the rest is read and dropped, so the client gets an answer, not a reset. */
function readBody(req: IncomingMessage, done: (size: number, body: string) => void): void {
  const limit = bodyLimit(req);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  req.on('end', () => done(size, Buffer.concat(chunks).toString('utf8')));
}

async function dispatch(rt: EmulatorRuntime, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const { path, query } = splitTarget(req.url ?? '/');
  if (!path.startsWith(CONTROL_PREFIX)) return answerApiCall(rt, req, res, { path, query }, body);
  const method = req.method ?? 'GET';
  const answer = handleControl(rt, { method, path, headers: req.headers, query, body });
  sendJson(res, answer.status, answer.body);
}

/**
 * Splits a request target into its raw path and query. Deliberately not `new URL()`: that would resolve `..` and `.`
 * segments (and their percent-encoded forms) before routing, so `spaces/S/members/..` would silently become another
 * resource instead of being rejected as an invalid resource name.
 */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  let rest = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q < 0
    ? { path: rest, query: new URLSearchParams() }
    : { path: rest.slice(0, q), query: new URLSearchParams(rest.slice(q + 1)) };
}
