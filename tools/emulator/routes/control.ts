/** The control API (/_emulator/*): reset the world, read the state and request log, change the config. */

import type { IncomingHttpHeaders } from 'node:http';
import { ConfigError } from '../config';
import { controlRefusal } from '../loopback';
import type { EmulatorRuntime } from '../runtime';
import { SeedError } from '../seed';

export const CONTROL_PREFIX = '/_emulator/';

interface ControlCall {
  query: URLSearchParams;
  /** The body parsed as JSON; throws ConfigError (a 400) when it is not. */
  json(): unknown;
}

interface ControlRoute {
  method: string;
  path: string;
  run(runtime: EmulatorRuntime, call: ControlCall): unknown;
}

const CONTROL_ROUTES: ControlRoute[] = [
  {
    method: 'POST',
    path: 'reset',
    run: (rt, call) => {
      rt.reset(call.json());
      return { ok: true };
    },
  },
  { method: 'GET', path: 'state', run: (rt) => rt.state.toSeed() },
  {
    method: 'GET',
    path: 'requests',
    run: (rt, call) => ({ requests: rt.log.since(Number(call.query.get('since') ?? 0)) }),
  },
  {
    method: 'DELETE',
    path: 'requests',
    run: (rt) => {
      rt.log.clear();
      return { ok: true };
    },
  },
  { method: 'GET', path: 'config', run: (rt) => rt.config },
  { method: 'POST', path: 'config', run: (rt, call) => rt.configure(call.json()) },
];

export interface ControlRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  body: string;
}

/** Runs one control request; returns the status and JSON body to answer. */
export function handleControl(runtime: EmulatorRuntime, req: ControlRequest): { status: number; body: unknown } {
  const refusal = controlRefusal(req.method, req.headers);
  if (refusal) return { status: refusal.status, body: { error: refusal.message } };
  const name = req.path.slice(CONTROL_PREFIX.length);
  const route = CONTROL_ROUTES.find((r) => r.method === req.method && r.path === name);
  if (!route) return { status: 404, body: { error: `no control endpoint ${req.method} ${req.path}` } };
  const json = () => {
    try {
      return JSON.parse(req.body) as unknown;
    } catch {
      throw new ConfigError('body must be valid JSON');
    }
  };
  try {
    return { status: 200, body: route.run(runtime, { query: req.query, json }) };
  } catch (e) {
    if (e instanceof SeedError || e instanceof ConfigError) return { status: 400, body: { error: e.message } };
    throw e;
  }
}
