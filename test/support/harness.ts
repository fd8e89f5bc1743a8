/**
 * Scenario harness: the bundled dist/Code.js in a vm with the Apps Script fakes, talking over real HTTP to the Chat
 * API emulator in a worker thread. Time runs on one compressed timeline shared by the product (ScaledClock) and
 * the emulator (timeScale), so quotas and pacing behave as they would against Google, only faster.
 */

import { join } from 'node:path';
import type { BulkReading, RunProgress } from '../../src/app/run-executor';
import { type EmulatorControl, emulatorControl } from '../../tools/emulator/control-client';
import { demoSeed } from '../../tools/emulator/demo-seed';
import type { Seed } from '../../tools/emulator/seed';
import { startEmulatorThread } from '../../tools/emulator/thread';
import {
  createGasEnvironment,
  type GasEnvironment,
  type LoadedBundle,
  loadBundle,
  ScaledClock,
  STRICT,
  type StrictOptions,
} from '../../tools/gas-fakes';

export const ROOT = join(__dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const CAROL = 'carol@example.com';
export const TOKENS = ['tok-alice', 'tok-bob', 'tok-carol', 'tok-admin'];
export const TIME_SCALE = 40;

export interface Harness {
  env: GasEnvironment;
  bundle: LoadedBundle;
  emulatorUrl: string;
  control: EmulatorControl;
  stop(): Promise<void>;
}

export type { EmulatorControl, LoggedRequest as EmulatorRequest } from '../../tools/emulator/control-client';

export interface HarnessOptions {
  timeScale?: number;
  /** The Apps Script fakes' strict behaviours (tools/gas-fakes/README.md "Strict mode"); `SCENARIO_STRICT` unless set. */
  strict?: StrictOptions;
}

/**
 * What every scenario runs on unless it says otherwise: Apps Script as Google documents it, harsher than the fakes'
 * defaults — clock triggers not listed by getUserTriggers(ss), one-off triggers firing 10–120 s late, triggers
 * skipped after a scope change until the person authorises again, lower-case response header names, no email for
 * people outside the owner's domain (tools/gas-fakes/FIDELITY.md). Whether a clock trigger has its document is not
 * documented either way: the default keeps it (what published add-ons report), and test/server/continuation.test.ts
 * runs without it too. Test deployments (no installable trigger ever fires) are a mode of their own, tested there.
 */
export const SCENARIO_STRICT: Readonly<StrictOptions> = Object.freeze({ ...STRICT, noDocumentInTimeTriggers: false });

export async function startHarness(seed: Seed = demoSeed(), options: HarnessOptions = {}): Promise<Harness> {
  const timeScale = options.timeScale ?? TIME_SCALE;
  const emulator = await startEmulatorThread({ seed, config: { timeScale } });
  const env = createGasEnvironment({
    users: [
      { email: ALICE, token: 'tok-alice' },
      { email: BOB, token: 'tok-bob' },
      { email: CAROL, token: 'tok-carol' },
      { email: 'ada.admin@example.com', token: 'tok-admin' },
      { email: 'outsider@other.example', token: 'tok-unknown', hideEmail: true },
    ],
    activeUser: ALICE,
    dist: DIST,
    chatBaseUrl: emulator.url,
    // The emulator also answers for Google's token endpoint, People API and Admin SDK Directory.
    urlRewrites: {
      'https://oauth2.googleapis.com': emulator.url,
      'https://people.googleapis.com': emulator.url,
      'https://admin.googleapis.com': emulator.url,
    },
    // Starts at the wall clock: Google's token endpoint (and the emulator's) checks a JWT's iat/exp against real time.
    clock: new ScaledClock(timeScale, Date.now()),
    strict: options.strict ?? SCENARIO_STRICT,
  });
  const bundle = loadBundle(join(DIST, 'Code.js'), env);
  return {
    env,
    bundle,
    emulatorUrl: emulator.url,
    control: emulatorControl(emulator.url),
    stop: async () => {
      env.dispose();
      await emulator.stop();
    },
  };
}

/** The role a member has in the emulator's state. */
export async function serverRole(h: Harness, space: string, user: string): Promise<string | undefined> {
  const state = await h.control.state();
  const s = state.spaces.find((x) => x.name === space);
  return s?.memberships.find((m) => m.member === user)?.role;
}

/** Sheet values through the uncounted view. */
export function sheetValues(h: Harness, title: string): string[][] {
  const sheet = h.env.spreadsheet.getSheetByName(title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  return sheet
    .getDataRange()
    .getValues()
    .map((row) => row.map(String));
}

/** Sheet row number (1-based) of the member with this email or name. */
export function rowOf(h: Harness, title: string, who: string): number {
  const index = sheetValues(h, title).findIndex((row) => row[0] === who || row[1] === who);
  if (index < 0) throw new Error(`${who} not in ${title}`);
  return index + 1;
}

/** Every SpreadsheetApp round trip counted so far. */
export function sheetCalls(h: Harness): number {
  return Object.entries(h.env.calls)
    .filter(([name]) =>
      /^(SpreadsheetApp|Spreadsheet|Sheet|Range|DataValidation|DeveloperMetadata|Protection|Ui|Menu)/.test(name),
    )
    .reduce((n, [, count]) => n + (count as number), 0);
}

/** Sheet row number (1-based) of the membership with this resource name. */
export function rowOfKey(h: Harness, title: string, key: string): number {
  const index = sheetValues(h, title).findIndex((row) => row[6] === key);
  if (index < 0) throw new Error(`${key} not in ${title}`);
  return index + 1;
}

/** Every PATCH the emulator received since its log was last cleared. */
export async function patches(h: Harness) {
  return (await h.control.requests()).filter((r) => r.method === 'PATCH');
}

/** The person's open bulk run as the sidebar reads it (`getBulkProgress`), or null when none is open. */
export function openRun(h: Harness, who: string = ALICE): (RunProgress & { runId: string }) | null {
  return (h.env.sim.as(who, () => h.bundle.run('getBulkProgress')) as BulkReading).open;
}
