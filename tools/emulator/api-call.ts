/** Answers one Google API call: injected faults, emulated latency, the request log, and hostile-answer modes. */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiFamily, apiFamily, faultError, handleApiRequest, loggedBody, redactedParams } from './apis';
import { ApiError } from './errors';
import { sendJson } from './http';
import type { RequestLogEntry } from './request-log';
import type { ChatRequest } from './router';
import type { EmulatorRuntime } from './runtime';
import type { Principal } from './state';

interface Answer {
  status: number;
  payload: unknown;
  /** Set only when the injected fault is what the client got. */
  fault?: 'before' | 'after';
}

export async function answerApiCall(
  rt: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  target: { path: string; query: URLSearchParams },
  body: string,
): Promise<void> {
  const started = performance.now();
  const seen: { principal?: Principal } = {};
  const family = apiFamily(target.path);
  const request: ChatRequest = {
    method: req.method ?? 'GET',
    path: target.path,
    query: target.query,
    body,
    authorization: req.headers.authorization,
    contentType: req.headers['content-type'],
  };
  const answer = run(rt, family, request, seen);
  await emulateLatency(rt, started);
  rt.log.add(logEntry(rt, family, request, answer, seen, started));
  send(rt, res, answer, target.query);
}

function run(rt: EmulatorRuntime, family: ApiFamily, request: ChatRequest, seen: { principal?: Principal }): Answer {
  const fault = rt.faults.next();
  // Logged only when the injected fault is what the client got: an `after` fault whose request failed on its own
  // (a real 429, a 403) changed nothing and must not look like an applied write in the log.
  let faultAnswered: 'before' | 'after' | undefined;
  try {
    if (fault && !fault.afterApply) {
      faultAnswered = 'before';
      throw faultError(family, fault.status);
    }
    const services = {
      state: rt.state,
      quotas: rt.quotas,
      now: rt.clock.now,
      tokenLifetimeSeconds: rt.config.tokenLifetimeSeconds,
      setup: { apiEnabled: rt.config.apiEnabled, chatAppConfigured: rt.config.chatAppConfigured },
      patchKeepsRole: rt.config.responses.patchKeepsRole,
    };
    const payload = handleApiRequest(services, request, seen);
    if (fault?.afterApply) {
      faultAnswered = 'after';
      throw faultError(family, fault.status);
    }
    return { status: 200, payload };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { status: e.code, payload: e.toBody(), ...(faultAnswered ? { fault: faultAnswered } : {}) };
  }
}

async function emulateLatency(rt: EmulatorRuntime, started: number): Promise<void> {
  if (rt.config.latencyMs <= 0) return;
  // Timers may fire a fraction of a millisecond early: wait until the full latency has really passed.
  const until = started + rt.clock.toRealMs(rt.config.latencyMs);
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(until - performance.now()))));
  }
}

function logEntry(
  rt: EmulatorRuntime,
  family: ApiFamily,
  request: ChatRequest,
  answer: Answer,
  seen: { principal?: Principal },
  started: number,
): RequestLogEntry {
  const entry: RequestLogEntry = {
    seq: rt.log.nextSeq(),
    method: request.method,
    path: request.path,
    query: family === 'oauth' ? redactedParams(request.query) : Object.fromEntries(request.query),
    body: loggedBody(family, request),
    principal: seen.principal?.user ?? null,
    status: answer.status,
    time: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
  if (answer.fault) entry.fault = answer.fault;
  // Never log credentials a client may have put in the query string.
  delete entry.query.access_token;
  delete entry.query.oauth_token;
  return entry;
}

/**
 * `responses.bareQuotaErrors`: a 429 that names no quota (Google documents the project quotas' error, not the body of
 * a per-space 429), so a client can be tested against both answers.
 */
const BARE_QUOTA_ERROR = {
  error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' },
};

function send(rt: EmulatorRuntime, res: ServerResponse, answer: Answer, query: URLSearchParams): void {
  let payload = answer.payload;
  if (answer.status === 429 && rt.config.responses.bareQuotaErrors) payload = BARE_QUOTA_ERROR;
  if (answer.status === 200 && rt.config.responses.extraFields) payload = withExtraFields(payload);
  if (answer.status === 200 && rt.config.responses.malformed) {
    const text = JSON.stringify(payload);
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  sendJson(res, answer.status, payload, query.get('prettyPrint') !== 'false');
}

/** The same answer with fields no API documents, at every level: a client must ignore what it does not know. */
function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { undocumentedField: { nested: [1, 'two'] } };
  for (const [key, inner] of Object.entries(value)) out[key] = withExtraFields(inner);
  return out;
}
