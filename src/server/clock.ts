/** Time for server code: Date for "now", Utilities.sleep for waiting (the only way to wait in Apps Script). */

export interface Clock {
  now(): number;
  sleep(ms: number): void;
  random(): number;
}

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))),
  random: () => Math.random(),
};

/** Apps Script stops every execution at 6 minutes; stop starting work well before, to leave time to write results. */
export const EXECUTION_BUDGET_MS = 5 * 60 * 1000;
