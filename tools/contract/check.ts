/** What a check is, what it answers, and the comparisons most checks make on an answer. */

import type { Facts } from './facts';
import type { ApiRequest, ApiResponse } from './http';

export type Result = 'holds' | 'differs' | 'skipped';

export interface Outcome {
  result: Result;
  detail: string;
}

export const holds = (detail = ''): Outcome => ({ result: 'holds', detail });
export const differs = (detail: string): Outcome => ({ result: 'differs', detail });
export const skipped = (why: string): Outcome => ({ result: 'skipped', detail: why });

/** The bullet a check verifies: a phrase quoted from one section of the file (a test keeps the quotes in sync). */
export interface AssumptionRef {
  file: 'tools/emulator/ASSUMPTIONS.md' | 'docs/emulator.md';
  section: string;
  quote: string;
}

/**
 * When a check can run: `read` always; `write` with --write (a PATCH that may change a role, restored after);
 * `admin` with --admin; `member` only without --admin (it probes what a non-administrator is refused).
 */
export type CheckMode = 'read' | 'write' | 'admin' | 'member';

export interface CheckContext {
  /** Sends one request; throws once the check has used up its `maxRequests`. */
  call(req: ApiRequest): Promise<ApiResponse>;
  /** `spaces/ID`. */
  space: string;
  facts: Facts;
  write: boolean;
}

export interface Check {
  /** Stable: reports are compared across runs and people by this id. */
  id: string;
  assumption: AssumptionRef;
  mode: CheckMode;
  /** The most requests the check sends (each may be retried twice on 429/503). */
  maxRequests: number;
  run(ctx: CheckContext): Promise<Outcome>;
}

const SNIPPET = 240;

/** One line describing an answer, for `differs` details: status and the start of the body. */
export function describe(res: ApiResponse): string {
  const body = res.text.replace(/\s+/g, ' ').trim();
  const shown = body.length > SNIPPET ? `${body.slice(0, SNIPPET)}…` : body;
  return `HTTP ${res.status}${shown ? ` ${shown}` : ''}`;
}

interface Aip193 {
  code: number;
  message: string;
  status: string;
  details?: { '@type'?: string; reason?: string }[];
}

function aip193(res: ApiResponse): Aip193 | undefined {
  const error = (res.json as { error?: unknown } | undefined)?.error as Partial<Aip193> | undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  if (error.code !== res.status || typeof error.message !== 'string' || typeof error.status !== 'string') {
    return undefined;
  }
  return error as Aip193;
}

export function errorInfoReasons(res: ApiResponse): string[] {
  return (aip193(res)?.details ?? [])
    .filter((d) => d['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo' && typeof d.reason === 'string')
    .map((d) => d.reason as string);
}

/**
 * Holds when the answer is an AIP-193 error with this HTTP code and status (and ErrorInfo reason, if given):
 * `{"error": {"code", "message", "status", "details": [ErrorInfo…]}}`.
 */
export function expectError(res: ApiResponse, code: number, status: string, reason?: string): Outcome {
  if (res.status !== code) return differs(`expected HTTP ${code} ${status}, got ${describe(res)}`);
  const error = aip193(res);
  if (!error) return differs(`HTTP ${code} without an AIP-193 error body: ${describe(res)}`);
  if (error.status !== status) return differs(`expected status ${status}, got ${error.status}: ${describe(res)}`);
  if (reason && !errorInfoReasons(res).includes(reason)) {
    return differs(`no ErrorInfo with reason ${reason}: ${describe(res)}`);
  }
  return holds();
}

export const expectInvalidArgument = (res: ApiResponse) => expectError(res, 400, 'INVALID_ARGUMENT');

/** Holds when the answer is 200 with a JSON object, then applies `more` to it. */
export function expectOk(res: ApiResponse, more?: (body: Record<string, unknown>) => Outcome): Outcome {
  if (res.status !== 200) return differs(`expected HTTP 200, got ${describe(res)}`);
  if (typeof res.json !== 'object' || res.json === null || Array.isArray(res.json)) {
    return differs(`HTTP 200 without a JSON object: ${describe(res)}`);
  }
  return more ? more(res.json as Record<string, unknown>) : holds();
}

/** The first outcome that is not `holds`, else `holds`: for checks that make several requests. */
export function all(...outcomes: Outcome[]): Outcome {
  return (
    outcomes.find((o) => o.result !== 'holds') ??
    holds(
      outcomes
        .map((o) => o.detail)
        .filter(Boolean)
        .join('; '),
    )
  );
}

/** Prefixes a non-holding outcome's detail with which of a check's requests it came from. */
export function labelled(label: string, outcome: Outcome): Outcome {
  return outcome.result === 'holds' ? outcome : { ...outcome, detail: `${label}: ${outcome.detail}` };
}
