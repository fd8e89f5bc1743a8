/**
 * The local preview server (127.0.0.1 only): the preview page, the real built sidebar with a google.script.run shim,
 * and a small JSON API the page and the shim call. The add-on itself runs in the Apps Script thread (gas-thread.ts),
 * one execution at a time; the Chat API emulator runs in its own thread. This thread only routes, so it never blocks.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { emulatorControl } from '../emulator/control-client';
import { demoSeed } from '../emulator/demo-seed';
import { type EmulatorThread, startEmulatorThread } from '../emulator/thread';
import { GasThread } from './gas-thread';
import { CONTENT_TYPES, HttpError, readJsonObject, sendFile, sendJson, sendText } from './http';
import { bundlePageScripts } from './page-bundle';
import { type PreviewContext, previewRoutes, type Routes } from './routes';
import { withShim } from './sidebar-html';
import { DEFAULT_USER, isPreviewUser } from './users';

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
const STYLES = new Set(['style.css']);
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

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const dist = options.dist ?? join(ROOT, 'dist');
  for (const file of ['Code.js', 'Sidebar.html', 'appsscript.json']) {
    if (!existsSync(join(dist, file))) throw new Error(`${join(dist, file)} is missing: run \`npm run build\` first`);
  }
  const scripts = await bundlePageScripts();
  const seed = options.seed ?? demoSeed();
  const initialSpeed = options.speed ?? 1;
  const emulator = await startEmulatorThread({ seed, config: { timeScale: initialSpeed } });
  let ctx: PreviewContext;
  try {
    ctx = await startAppsScript(dist, emulator, seed, initialSpeed);
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const routes = previewRoutes(ctx);
  let port = 0;
  const server = createServer((req, res) => {
    handle({ req, res, port, dist, scripts, routes }).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) console.error('preview: unexpected error', e);
      if (!res.headersSent) sendJson(res, status, { error: (e as Error).message });
      else res.end();
    });
  });
  // A menu click or sidebar call is answered when its execution ends, which may take minutes (bulk apply).
  server.requestTimeout = 0;
  const stopThreads = async () => {
    await (await ctx.gas().catch(() => null))?.stop();
    await emulator.stop();
  };
  port = await listen(server, options.port ?? 8080).catch(async (e: unknown) => {
    await stopThreads();
    throw e;
  });

  let stopping: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    emulatorUrl: emulator.url,
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await closed;
        await stopThreads();
      })();
      return stopping;
    },
  };
}

/** Starts the Apps Script thread and returns what the routes act on; a reset replaces the thread. */
async function startAppsScript(
  dist: string,
  emulator: EmulatorThread,
  seed: unknown,
  initialSpeed: number,
): Promise<PreviewContext> {
  const control = emulatorControl(emulator.url);
  const initialConfig = await control.currentConfig();
  let generation = 1;
  let speed = initialSpeed;
  const startThread = () => GasThread.start({ dist, chatBaseUrl: emulator.url, speed, generation });
  let gas: Promise<GasThread> = startThread();
  await gas;
  return {
    gas: () => gas,
    control,
    /** A fresh start: demo seed, default emulator settings, a new spreadsheet and a freshly read dist/Code.js. */
    reset: async () => {
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
      return generation;
    },
    setSpeed: async (factor) => {
      await control.config({ timeScale: factor });
      await (await gas).peek({ type: 'speed', factor });
      speed = factor;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  port: number;
  dist: string;
  scripts: Map<string, string>;
  routes: Routes;
}

async function handle({ req, res, port, dist, scripts, routes }: Exchange): Promise<void> {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(421, 'unknown host');
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const method = req.method ?? 'GET';
  if (method === 'GET' && servePage(res, url, dist, scripts)) return;
  const route = routes[`${method} ${url.pathname}`];
  if (!route) throw new HttpError(404, `no route ${method} ${url.pathname}`);
  let body: Record<string, unknown> = {};
  if (method === 'POST') body = await readJsonObject(req);
  else req.resume();
  sendJson(res, 200, await route(body, url));
}

/** The page, its bundled scripts and stylesheet, and the sidebar; false for anything else. */
function servePage(res: ServerResponse, url: URL, dist: string, scripts: Map<string, string>): boolean {
  if (url.pathname === '/') sendFile(res, join(PAGE_DIR, 'index.html'), PAGE_CSP);
  else if (url.pathname === '/favicon.ico') res.writeHead(204).end();
  else if (url.pathname === '/sidebar') {
    const as = url.searchParams.get('as') ?? DEFAULT_USER;
    if (!isPreviewUser(as)) throw new HttpError(400, 'as must be one of the preview users');
    const html = readFileSync(join(dist, 'Sidebar.html'), 'utf8');
    sendText(res, CONTENT_TYPES['.html'] as string, withShim(html, as), null);
  } else if (url.pathname.startsWith('/preview/')) {
    // Looked up by name, never by a path from the request.
    const name = url.pathname.slice('/preview/'.length);
    const script = scripts.get(name);
    if (script !== undefined) sendText(res, CONTENT_TYPES['.js'] as string, script, null);
    else if (STYLES.has(name)) sendFile(res, join(PAGE_DIR, name), null);
    else return false;
  } else return false;
  return true;
}
