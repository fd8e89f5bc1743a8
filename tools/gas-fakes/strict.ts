/**
 * Strict behaviours: what Google documents (or published add-ons report) where it is harsher than the fakes' defaults.
 * Each is off in a bare `createGasEnvironment` (the fakes' own unit tests pick what they test); `STRICT` turns on every
 * one that does not stop the add-on from working at all, and the add-on's scenario harness runs on it by default
 * (test/support/harness.ts). FIDELITY.md gives each behaviour's source.
 */

// The emulator's fault generator: one seeded generator for every replayable random choice in the tools.
import { seededRandom } from '../emulator/faults';

export interface LateTriggerOptions {
  /** Seed of the random delay, so a failing run can be replayed. */
  seed: number;
  /** Extra delay bounds (default 10 s and 120 s). */
  minMs?: number;
  maxMs?: number;
}

export interface StrictOptions {
  /** `ScriptApp.getUserTriggers(spreadsheet)` lists spreadsheet triggers only, never clock triggers. */
  hideClockTriggersFromUserTriggers?: boolean;
  /** One-off `.timeBased().after(ms)` triggers fire a seeded random extra delay late. */
  lateTriggers?: LateTriggerOptions;
  /** A test deployment (Deploy › Test deployments): installable triggers are created but never fire. */
  testDeployment?: boolean;
  /**
   * Triggers each user already has in other spreadsheets with this add-on (email → count): they count toward the
   * 20 triggers per user per script. `sim.setOtherDocumentTriggers` changes it later.
   */
  otherDocumentTriggers?: Record<string, number>;
  /**
   * After `sim.addScopes` (a new version asks for more scopes), every user's existing triggers are skipped until
   * `sim.authorize(email)`. Without it the new scopes count as granted at once.
   */
  scopeChangeNeedsReauthorization?: boolean;
  /** Inside a clock trigger: `SpreadsheetApp.getActive()`, document properties and the document lock are null. */
  noDocumentInTimeTriggers?: boolean;
  /** `HTTPResponse.getAllHeaders()` / `getHeaders()` names in lower case ('retry-after'). */
  lowercaseHeaders?: boolean;
  /** The script owner's domain: the active user's email reads '' for any user outside it. */
  ownerDomain?: string;
}

/**
 * Every strict behaviour except test-deployment mode (in which no trigger ever fires: a mode to test in on purpose).
 * `noDocumentInTimeTriggers` is undocumented either way: suites should also run with it false.
 */
export const STRICT: Readonly<StrictOptions> = Object.freeze({
  hideClockTriggersFromUserTriggers: true,
  lateTriggers: { seed: 11, minMs: 10_000, maxMs: 120_000 },
  otherDocumentTriggers: {},
  scopeChangeNeedsReauthorization: true,
  noDocumentInTimeTriggers: true,
  lowercaseHeaders: true,
  ownerDomain: 'example.com',
});

export const DEFAULT_LATE_MIN_MS = 10_000;
export const DEFAULT_LATE_MAX_MS = 120_000;

/** The extra delays of one environment's one-off triggers, drawn in creation order. */
export function lateDelays(options: LateTriggerOptions | undefined): () => number {
  if (!options) return () => 0;
  const min = options.minMs ?? DEFAULT_LATE_MIN_MS;
  const max = options.maxMs ?? DEFAULT_LATE_MAX_MS;
  if (!(min >= 0 && max >= min)) throw new Error('gas-fakes: lateTriggers needs 0 <= minMs <= maxMs');
  const random = seededRandom(options.seed);
  return () => Math.round(min + random() * (max - min));
}

/** Whether `email` is outside the owner's domain (Apps Script then hides it from the script). */
export function outsideDomain(email: string, ownerDomain: string | undefined): boolean {
  if (ownerDomain === undefined) return false;
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase() !== ownerDomain.toLowerCase();
}
