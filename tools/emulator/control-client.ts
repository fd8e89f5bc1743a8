/**
 * The one client for the emulator's control API (/_emulator/*), used by tests, bench, soak and the preview server,
 * from another thread or process.
 */

import { request } from 'node:http';
import type { EmulatorConfig } from './config';
import type { RequestLogEntry } from './request-log';
import type { Seed } from './seed';

/** One entry of the request log, as GET /_emulator/requests returns it. */
export type LoggedRequest = RequestLogEntry;

export interface EmulatorControl {
  reset(seed: unknown): Promise<void>;
  state(): Promise<Seed>;
  /** The log, or only entries after `since` (a `seq`). */
  requests(since?: number): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  currentConfig(): Promise<EmulatorConfig>;
  /** Merges a partial config; a refused one rejects with a 400 EmulatorControlError and changes nothing. */
  config(partial: object): Promise<EmulatorConfig>;
}

/** A control call the emulator refused; `detail` is the emulator's own message (it names the bad field). */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';
  constructor(
    readonly status: number,
    readonly detail: string,
    call: string,
  ) {
    super(`emulator ${call}: ${status} ${detail}`);
  }
}

/**
 * One fresh connection per call (no keep-alive): a test thread blocks inside synchronous UrlFetchApp calls for
 * seconds, long enough for the server to drop an idle pooled socket behind a pooling client's back.
 */
export function emulatorControl(baseUrl: string): EmulatorControl {
  const call = (method: string, path: string, body?: unknown): Promise<unknown> => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {};
    return new Promise((resolve, reject) => {
      const req = request(new URL(`${baseUrl}/_emulator/${path}`), { method, agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 400) reject(new EmulatorControlError(status, errorText(text), `${method} ${path}`));
          else resolve(JSON.parse(text) as unknown);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  };
  return {
    reset: async (seed) => void (await call('POST', 'reset', seed)),
    state: async () => (await call('GET', 'state')) as Seed,
    requests: async (since) => {
      const path = since === undefined ? 'requests' : `requests?since=${since}`;
      return ((await call('GET', path)) as { requests: LoggedRequest[] }).requests;
    },
    clearRequests: async () => void (await call('DELETE', 'requests')),
    currentConfig: async () => (await call('GET', 'config')) as EmulatorConfig,
    config: async (partial) => (await call('POST', 'config', partial)) as EmulatorConfig,
  };
}

function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : text;
  } catch {
    return text;
  }
}
