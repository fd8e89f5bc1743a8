/**
 * The local preview server (127.0.0.1 only): the preview page, the real built sidebar with a google.script.run shim,
 * and a small JSON API the page and the shim call. The add-on itself runs in the Apps Script thread (gas-thread.ts),
 * one execution at a time; the Chat API emulator runs in its own thread. This thread only routes, so it never blocks.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { EmulatorControlError, emulatorControl } from '../emulator/control-client';
import { demoSeed } from '../emulator/demo-seed';
import { type EmulatorThread, startEmulatorThread } from '../emulator/thread';
import { GasThread } from './gas-thread';
import { type LoggedRequest, SPEEDS } from './protocol';
import { SHIM_PATH, withShim } from './sidebar-html';
import { DEFAULT_USER, isPreviewUser, PREVIEW_USERS } from './users';

export interface PreviewOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** The Chat API emulator's seed; default the demo seed. */
  seed?: unknown;
  /** Time speed-up (1 = real time) for the add-on's clock and the emulator's timeScale. */
  speed?: number;
  /** The built add-on; default <repo>/dist (run `npm run build` first). */
  dist?: string;
}

export interface Preview {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The Chat API emulator's address (its /_emulator control API included). */
  emulatorUrl: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');
const PAGE_DIR = join(__dirname, 'page');
const MAX_BODY_BYTES = 1024 * 1024;
const REQUESTS_SHOWN = 300;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
/** The page's own code is served from files only; data reaches it as JSON and is rendered as text. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field<T>(body: Record<string, unknown>, name: string, check: (v: unknown) => v is T, what: string): T {
  const value = body[name];
  if (!check(value)) throw new HttpError(400, `${name} must be ${what}`);
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isFunctionName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z$][\w$]*$/.test(v);

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const dist = options.dist ?? join(ROOT, 'dist');
  for (const file of ['Code.js', 'Sidebar.html', 'appsscript.json']) {
    if (!existsSync(join(dist, file))) throw new Error(`${join(dist, file)} is missing: run \`npm run build\` first`);
  }
  const seed = options.seed ?? demoSeed();
  const initialSpeed = options.speed ?? 1;
  const emulator: EmulatorThread = await startEmulatorThread({ seed, config: { timeScale: initialSpeed } });
  const control = emulatorControl(emulator.url);
  const initialConfig = await control.currentConfig();

  let generation = 1;
  let speed = initialSpeed;
  const startThread = () => GasThread.start({ dist, chatBaseUrl: emulator.url, speed, generation });
  let gas: Promise<GasThread> = startThread();
  try {
    await gas;
  } catch (e) {
    await emulator.stop();
    throw e;
  }

  /** A fresh start: demo seed, default emulator settings, a new spreadsheet and a freshly read dist/Code.js. */
  async function reset(): Promise<void> {
    const old = gas;
    gas = (async () => {
      await (await old.catch(() => null))?.stop();
      generation++;
      speed = initialSpeed;
      await control.reset(seed);
      await control.config(initialConfig);
      return startThread();
    })();
    await gas;
  }

  const api: Record<string, (body: Record<string, unknown>, url: URL) => Promise<unknown>> = {
    'GET /preview/config': async () => ({
      users: PREVIEW_USERS.map(({ email, label }) => ({ email, label })),
      defaultUser: DEFAULT_USER,
      speeds: SPEEDS,
    }),
    'GET /preview/state': async (_body, url) => {
      const thread = await gas.catch((e: unknown) => ({ failed: (e as Error).message }));
      if ('failed' in thread) return { error: `The Apps Script thread could not start: ${thread.failed}` };
      const rows = Number(url.searchParams.get('rows') ?? 300);
      const sheet = url.searchParams.get('sheet');
      const since = url.searchParams.get('since');
      const user = url.searchParams.get('user');
      try {
        return await thread.peek({
          type: 'snapshot',
          user: isPreviewUser(user) ? user : DEFAULT_USER,
          rowLimit: Number.isFinite(rows) ? rows : 300,
          ...(sheet ? { sheet } : {}),
          ...(since ? { since } : {}),
        });
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
    'POST /preview/run': async (body) => {
      const user = field(body, 'user', isPreviewUser, 'one of the preview users');
      const name = field(body, 'name', isFunctionName, 'a function name');
      const args = field(body, 'args', Array.isArray, 'an array');
      const thread = await gas;
      try {
        // The sidebar polls progress during a bulk apply: answered at once, like a concurrent execution.
        const value =
          name === 'getBulkProgress'
            ? await thread.peek({ type: 'progress', user })
            : await thread.command({ type: 'run', user, name, args });
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
    'POST /preview/menu': async (body) => {
      const user = field(body, 'user', isPreviewUser, 'one of the preview users');
      const functionName = field(body, 'functionName', isFunctionName, 'a function name');
      return outcome((await gas).command({ type: 'menu', user, functionName }));
    },
    'POST /preview/edit': async (body) => {
      const user = field(body, 'user', isPreviewUser, 'one of the preview users');
      const sheet = field(body, 'sheet', isString, 'a sheet name');
      const a1 = field(body, 'a1', (v): v is string => isString(v) && /^[A-Z]{1,3}[1-9]\d*$/.test(v), 'a cell (A1)');
      const value = field(body, 'value', isString, 'a string');
      return outcome((await gas).command({ type: 'edit', user, sheet, a1, value }));
    },
    'POST /preview/activate': async (body) => {
      const sheet = field(body, 'sheet', isString, 'a sheet name');
      return outcome((await gas).command({ type: 'activate', sheet }));
    },
    'POST /preview/dialog': async (body) => {
      const id = field(body, 'id', isNumber, 'a dialog id');
      const button = field(body, 'button', isString, 'a button name');
      return outcome((await gas).peek({ type: 'answer', id, button }));
    },
    'POST /preview/speed': async (body) => {
      const factor = field(body, 'factor', (v): v is number => SPEEDS.some((s) => s === v), `one of ${SPEEDS}`);
      await control.config({ timeScale: factor });
      await (await gas).peek({ type: 'speed', factor });
      speed = factor;
      return { ok: true, value: factor };
    },
    'POST /preview/reset': async () => {
      await reset();
      return { ok: true, value: generation };
    },
    'GET /preview/requests': async (_body, url) => {
      const since = Number(url.searchParams.get('since') ?? 0);
      const logged = await control.requests(Number.isFinite(since) ? since : 0);
      const requests: LoggedRequest[] = logged.slice(-REQUESTS_SHOWN).map(({ body: _body, ...rest }) => rest);
      return { requests };
    },
    'DELETE /preview/requests': async () => {
      await control.clearRequests();
      return { ok: true };
    },
    'GET /preview/emulator-config': async () => ({ ok: true, value: await control.currentConfig() }),
    'POST /preview/emulator-config': async (body) => {
      try {
        return { ok: true, value: await control.config(body) };
      } catch (e) {
        // A refused setting is an answer for the person, not a failed request.
        if (e instanceof EmulatorControlError && e.status === 400) return { ok: false, error: e.detail };
        throw e;
      }
    },
    'GET /preview/emulator-state': async () => control.state(),
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError || e instanceof EmulatorControlError ? e.status : 500;
      if (status === 500) console.error('preview: unexpected error', e);
      const message = e instanceof EmulatorControlError ? e.detail : (e as Error).message;
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });
  // A menu click or sidebar call is answered when its execution ends, which may take minutes (bulk apply).
  server.requestTimeout = 0;

  let port = 0;
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(421, 'unknown host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/') return sendFile(res, join(PAGE_DIR, 'index.html'), PAGE_CSP);
    if (method === 'GET' && url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (method === 'GET' && url.pathname === '/sidebar') {
      const as = url.searchParams.get('as') ?? DEFAULT_USER;
      if (!isPreviewUser(as)) throw new HttpError(400, 'as must be one of the preview users');
      const html = readFileSync(join(dist, 'Sidebar.html'), 'utf8');
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store' });
      res.end(withShim(html, as));
      return;
    }
    const pageFile = method === 'GET' ? pageAsset(url.pathname) : null;
    if (pageFile) return sendFile(res, pageFile, null);
    const route = api[`${method} ${url.pathname}`];
    if (!route) throw new HttpError(404, `no route ${method} ${url.pathname}`);
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        throw new HttpError(415, 'send JSON (content-type: application/json)');
      const parsed = await readJson(req);
      if (!isObject(parsed)) throw new HttpError(400, 'the body must be a JSON object');
      body = parsed;
    } else req.resume();
    sendJson(res, 200, await route(body, url));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  }).catch(async (e: unknown) => {
    await (await gas).stop();
    await emulator.stop();
    throw e;
  });
  port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    emulatorUrl: emulator.url,
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await closed;
        await (await gas.catch(() => null))?.stop();
        await emulator.stop();
      })();
      return stopping;
    },
  };
}

/** A command's result as the page gets it: {ok, value} or {ok: false, error}. */
async function outcome(work: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Files of the page folder (scripts and styles), looked up by name, never by a path from the request. */
function pageAsset(pathname: string): string | null {
  if (!pathname.startsWith('/preview/')) return null;
  const name = pathname.slice('/preview/'.length);
  if (`/preview/${name}` === SHIM_PATH) return join(PAGE_DIR, 'gas-shim.js');
  const known = readdirSync(PAGE_DIR).filter((f) => f === name && (f.endsWith('.js') || f.endsWith('.css')));
  return known[0] ? join(PAGE_DIR, known[0]) : null;
}

function sendFile(res: ServerResponse, path: string, csp: string | null): void {
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (csp) headers['content-security-policy'] = csp;
  res.writeHead(200, headers);
  res.end(readFileSync(path));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(value ?? null));
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
