/** Time for server code: Date for "now", Utilities.sleep for waiting (the only way to wait in Apps Script). */

import type { Clock } from '../app/ports';

export type { Clock };

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))),
  random: () => Math.random(),
};

/** Apps Script stops every execution at 6 minutes; stop starting work well before, to leave time to write results. */
export const DEFAULT_EXECUTION_BUDGET_MS = 5 * 60 * 1000;
const BUDGET_PROPERTY = 'EXECUTION_BUDGET_MS';

/**
 * The time a run may work in one execution: 5 minutes, or the script property EXECUTION_BUDGET_MS (an admin's knob,
 * clamped to 10 s … 5.5 min so results can always be written before the hard stop).
 */
export function executionBudgetMs(): number {
  const raw = Number(PropertiesService.getScriptProperties().getProperty(BUDGET_PROPERTY));
  if (!Number.isFinite(raw) || raw <= 0) return DEFAULT_EXECUTION_BUDGET_MS;
  return Math.min(330_000, Math.max(10_000, raw));
}
