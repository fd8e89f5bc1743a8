/** A typed client for the emulator's control API (/_emulator/*), for tests and tools in another thread or process. */

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

export function emulatorControl(baseUrl: string): EmulatorControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await fetch(`${baseUrl}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    reset: async (seed) => void (await call('POST', 'reset', seed)),
    state: async () => (await call('GET', 'state')) as Seed,
    requests: async () => ((await call('GET', 'requests')) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => void (await call('DELETE', 'requests')),
    config: async (config) => void (await call('POST', 'config', config)),
  };
}
