/** A typed client for the emulator's control API (/_emulator/*), for tests and tools in another thread or process. */

import { request } from 'node:http';
import type { Seed } from './seed';

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  principal: string | null;
  status: number;
  /** Set when a fault was injected: `after` means the write was applied and its answer replaced. */
  fault?: 'before' | 'after';
}

export interface EmulatorControl {
  reset(seed: unknown): Promise<void>;
  state(): Promise<Seed>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  config(config: object): Promise<void>;
}

/**
 * One fresh connection per call (no keep-alive): a test thread blocks inside synchronous UrlFetchApp calls for
 * seconds, long enough for the server to drop an idle pooled socket behind a pooling client's back.
 */
export function emulatorControl(baseUrl: string): EmulatorControl {
  const call = (method: string, path: string, body?: unknown): Promise<unknown> => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(`${baseUrl}/_emulator/${path}`),
        {
          method,
          agent: false,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 400)
              reject(new Error(`emulator ${method} ${path}: ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text) as unknown);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  return {
    reset: async (seed) => void (await call('POST', 'reset', seed)),
    state: async () => (await call('GET', 'state')) as Seed,
    requests: async () => ((await call('GET', 'requests')) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => void (await call('DELETE', 'requests')),
    config: async (config) => void (await call('POST', 'config', config)),
  };
}
