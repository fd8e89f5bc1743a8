/** Runtime configuration set through POST /_emulator/config, validated like a seed. */

import { type FaultConfig, NO_FAULTS } from './faults';
import { DOCUMENTED_QUOTAS, type QuotaConfig } from './quotas';

export interface EmulatorConfig {
  latencyMs: number;
  faults: FaultConfig;
  quotas: QuotaConfig;
  timeScale: number;
  /** Lifetime of the access tokens /token issues, in emulated seconds (Google answers expires_in 3599). */
  tokenLifetimeSeconds: number;
  /**
   * Hostile answers, for clients' robustness tests: `malformed` cuts every successful API body in half (invalid
   * JSON); `extraFields` adds fields the API does not document to every JSON object answered; `patchKeepsRole`
   * answers a valid role PATCH 200 with the membership but leaves its role unchanged (the write is not applied).
   */
  responses: { malformed: boolean; extraFields: boolean; patchKeepsRole: boolean; bareQuotaErrors: boolean };
  /**
   * Setup faults of the Cloud project, applied to every Chat API call after authentication (see ASSUMPTIONS.md §
   * Setup errors): `apiEnabled: false` answers 403 SERVICE_DISABLED, `chatAppConfigured: false` 404 "Google Chat app
   * not found". People, Directory and the token endpoint are unaffected.
   */
  apiEnabled: boolean;
  chatAppConfigured: boolean;
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  latencyMs: 0,
  faults: NO_FAULTS,
  quotas: DOCUMENTED_QUOTAS,
  timeScale: 1,
  tokenLifetimeSeconds: 3599,
  responses: { malformed: false, extraFields: false, patchKeepsRole: false, bareQuotaErrors: false },
  apiEnabled: true,
  chatAppConfigured: true,
};

/** What `configure()` and `startEmulator({config})` accept: any subset, nested groups partial too. */
export interface EmulatorConfigInput {
  latencyMs?: number;
  faults?: Partial<FaultConfig>;
  quotas?: Partial<QuotaConfig>;
  timeScale?: number;
  tokenLifetimeSeconds?: number;
  responses?: Partial<EmulatorConfig['responses']>;
  apiEnabled?: boolean;
  chatAppConfigured?: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const RESPONSE_MODES = new Set(['malformed', 'extraFields', 'patchKeepsRole', 'bareQuotaErrors']);
const FAULT_STATUSES = new Set([400, 401, 403, 404, 409, 429, 500, 503]);

/** Merges a partial config into the current one; throws ConfigError naming the first bad field and changes nothing. */
export function mergeConfig(current: EmulatorConfig, input: unknown): EmulatorConfig {
  if (!isObject(input)) throw new ConfigError('config must be a JSON object');
  const known = new Set([
    'latencyMs',
    'faults',
    'quotas',
    'timeScale',
    'tokenLifetimeSeconds',
    'responses',
    'apiEnabled',
    'chatAppConfigured',
  ]);
  for (const key of Object.keys(input)) if (!known.has(key)) throw new ConfigError(`unknown config field "${key}"`);
  const next: EmulatorConfig = {
    ...current,
    faults: { ...current.faults },
    quotas: { ...current.quotas },
    responses: { ...current.responses },
  };
  if (input.responses !== undefined) {
    if (!isObject(input.responses)) throw new ConfigError('responses must be an object');
    for (const [key, value] of Object.entries(input.responses)) {
      if (!RESPONSE_MODES.has(key)) throw new ConfigError(`unknown responses field "${key}"`);
      if (typeof value !== 'boolean') throw new ConfigError(`responses.${key} must be a boolean`);
      next.responses[key as keyof EmulatorConfig['responses']] = value;
    }
  }
  for (const key of ['apiEnabled', 'chatAppConfigured'] as const) {
    if (input[key] === undefined) continue;
    if (typeof input[key] !== 'boolean') throw new ConfigError(`${key} must be a boolean`);
    next[key] = input[key];
  }
  const number = (path: string, v: unknown, min: number, max = Number.POSITIVE_INFINITY): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new ConfigError(`${path} must be a number between ${min} and ${max}`);
    }
    return v;
  };
  if (input.latencyMs !== undefined) next.latencyMs = number('latencyMs', input.latencyMs, 0, 60_000);
  if (input.timeScale !== undefined) next.timeScale = number('timeScale', input.timeScale, 0.001, 1000);
  if (input.tokenLifetimeSeconds !== undefined)
    next.tokenLifetimeSeconds = number('tokenLifetimeSeconds', input.tokenLifetimeSeconds, 1, 86_400);
  if (input.faults !== undefined) {
    if (!isObject(input.faults)) throw new ConfigError('faults must be an object');
    const f = input.faults;
    for (const key of Object.keys(f)) if (!(key in NO_FAULTS)) throw new ConfigError(`unknown faults field "${key}"`);
    if (f.rate !== undefined) next.faults.rate = number('faults.rate', f.rate, 0, 1);
    if (f.seed !== undefined) next.faults.seed = Math.trunc(number('faults.seed', f.seed, 0, 2 ** 32 - 1));
    if (f.statuses !== undefined) {
      if (
        !Array.isArray(f.statuses) ||
        f.statuses.length === 0 ||
        !f.statuses.every((s) => FAULT_STATUSES.has(s as number))
      ) {
        throw new ConfigError(`faults.statuses must be a non-empty array of ${[...FAULT_STATUSES].join(', ')}`);
      }
      next.faults.statuses = f.statuses as number[];
    }
    if (f.mode !== undefined) {
      if (f.mode !== 'before' && f.mode !== 'after' && f.mode !== 'either')
        throw new ConfigError('faults.mode must be before, after or either');
      next.faults.mode = f.mode;
    }
  }
  if (input.quotas !== undefined) {
    if (!isObject(input.quotas)) throw new ConfigError('quotas must be an object');
    for (const [key, value] of Object.entries(input.quotas)) {
      if (!(key in DOCUMENTED_QUOTAS)) throw new ConfigError(`unknown quotas field "${key}"`);
      if (key === 'enabled') {
        if (typeof value !== 'boolean') throw new ConfigError('quotas.enabled must be a boolean');
        next.quotas.enabled = value;
      } else {
        (next.quotas as unknown as Record<string, number>)[key] = number(`quotas.${key}`, value, 0.001);
      }
    }
  }
  return next;
}
