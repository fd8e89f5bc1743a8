/** The emulator's HTTP server: Chat API v1 routes plus the /_emulator control API, on 127.0.0.1 only. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiFamily, faultError, handleApiRequest, loggedBody, redactedParams } from './apis';
import { ScaledClock } from './clock';
import { ConfigError, DEFAULT_CONFIG, type EmulatorConfig, type EmulatorConfigInput, mergeConfig } from './config';
import { ApiError } from './errors';
import { FaultInjector } from './faults';
import { QuotaTracker } from './quotas';
import { SeedError } from './seed';
import { ChatState, type Principal } from './state';

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The authenticated user (`users/{id}`; for app authentication the app's user), never the token. */
  principal: string | null;
  status: number;
  time: string;
  durationMs: number;
  fault?: 'before' | 'after';
}

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
  let state = ChatState.fromSeed(options.seed);
  const clock = new ScaledClock();
  let config = mergeConfig(DEFAULT_CONFIG, options.config ?? {});
  clock.timeScale = config.timeScale;
  const quotas = new QuotaTracker(config.quotas, clock.now);
  const faults = new FaultInjector(config.faults);
  const logLimit = options.logLimit ?? 200_000;
  let log: RequestLogEntry[] = [];
  let seq = 0;

  const configure = (partial: unknown): EmulatorConfig => {
    config = mergeConfig(config, partial);
    clock.timeScale = config.timeScale;
    quotas.configure(config.quotas);
    faults.configure(config.faults);
    return config;
  };

  const send = (res: ServerResponse, status: number, body: unknown, pretty = true) => {
    const text = body === undefined ? '' : `${JSON.stringify(body, null, pretty ? 2 : undefined)}\n`;
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const handleControl = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    body: string,
  ) => {
    const parse = () => {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new ConfigError('body must be valid JSON');
      }
    };
    try {
      if (req.method === 'POST' && path === '/_emulator/reset') {
        state = ChatState.fromSeed(parse());
        quotas.configure(config.quotas);
        log = [];
        return send(res, 200, { ok: true });
      }
      if (req.method === 'GET' && path === '/_emulator/state') return send(res, 200, state.toSeed());
      if (req.method === 'GET' && path === '/_emulator/requests') {
        const since = Number(query.get('since') ?? 0);
        return send(res, 200, { requests: log.filter((e) => e.seq > since) });
      }
      if (req.method === 'DELETE' && path === '/_emulator/requests') {
        log = [];
        return send(res, 200, { ok: true });
      }
      if (req.method === 'GET' && path === '/_emulator/config') return send(res, 200, config);
      if (req.method === 'POST' && path === '/_emulator/config') return send(res, 200, configure(parse()));
      return send(res, 404, { error: `no control endpoint ${req.method} ${path}` });
    } catch (e) {
      if (e instanceof SeedError || e instanceof ConfigError) return send(res, 400, { error: e.message });
      throw e;
    }
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    body: string,
  ) => {
    const started = performance.now();
    const seen: { principal?: Principal } = {};
    const family = apiFamily(path);
    const fault = faults.next();
    const request = {
      method: req.method ?? 'GET',
      path,
      query,
      body,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
    };
    let status = 200;
    let payload: unknown;
    // Logged only when the injected fault is what the client got: an `after` fault whose request failed on its own
    // (a real 429, a 403) changed nothing and must not look like an applied write in the log.
    let faultAnswered: 'before' | 'after' | undefined;
    try {
      if (fault && !fault.afterApply) {
        faultAnswered = 'before';
        throw faultError(family, fault.status);
      }
      payload = handleApiRequest(
        { state, quotas, now: clock.now, tokenLifetimeSeconds: config.tokenLifetimeSeconds },
        request,
        seen,
      );
      if (fault?.afterApply) {
        faultAnswered = 'after';
        throw faultError(family, fault.status);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status = e.code;
      payload = e.toBody();
    }
    if (config.latencyMs > 0) {
      // Timers may fire a fraction of a millisecond early: wait until the full latency has really passed.
      const until = started + clock.toRealMs(config.latencyMs);
      while (performance.now() < until) {
        await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(until - performance.now()))));
      }
    }
    const entry: RequestLogEntry = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path,
      query: family === 'oauth' ? redactedParams(query) : Object.fromEntries(query),
      body: loggedBody(family, request),
      principal: seen.principal?.user ?? null,
      status,
      time: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
    if (faultAnswered) entry.fault = faultAnswered;
    // Never log credentials a client may have put in the query string.
    delete entry.query.access_token;
    delete entry.query.oauth_token;
    log.push(entry);
    if (log.length > logLimit) log.splice(0, log.length - logLimit);
    if (status === 200 && config.responses.extraFields) payload = withExtraFields(payload);
    if (status === 200 && config.responses.malformed) {
      const text = JSON.stringify(payload);
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    send(res, status, payload, query.get('prettyPrint') !== 'false');
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = (req.url ?? '').startsWith('/_emulator/') ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client gets the answer instead of a reset connection.
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) {
        const error = new ApiError('INVALID_ARGUMENT', `Request payload size exceeds the limit: ${limit} bytes.`);
        return send(res, error.code, error.toBody());
      }
      const { path, query } = splitTarget(req.url ?? '/');
      const body = Buffer.concat(chunks).toString('utf8');
      const work = path.startsWith('/_emulator/')
        ? Promise.resolve(handleControl(req, res, path, query, body))
        : handleApi(req, res, path, query, body);
      work.catch((e: unknown) => {
        console.error('emulator: unexpected error', e);
        if (!res.headersSent) send(res, 500, new ApiError('INTERNAL', 'Internal error encountered.').toBody());
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
    state: () => state,
    requests: () => log,
    clearRequests: () => {
      log = [];
    },
    reset: (seed: unknown) => {
      state = ChatState.fromSeed(seed);
      quotas.configure(config.quotas);
      log = [];
    },
    configure,
    get config() {
      return config;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
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

/** The same answer with fields no API documents, at every level: a client must ignore what it does not know. */
function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { undocumentedField: { nested: [1, 'two'] } };
  for (const [key, inner] of Object.entries(value)) out[key] = withExtraFields(inner);
  return out;
}
