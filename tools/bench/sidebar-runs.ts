/**
 * Scenarios 5–7: bulk runs past one execution, driven by the sidebar (it calls `continueMyBulkApply` again and again,
 * each call one execution) or, with the sidebar closed, by the one-off continuation triggers alone; optionally with
 * the fakes' strict `lateTriggers` (one-off triggers fire 10–120 s late, as published add-ons report). Scenario 5
 * uses Chat's real id shapes (`spaces/AAAA` + 7 characters, `users/` + 21 digits) and a distinct member in every
 * row, so the size of the stored run (document properties, 500 kB shared by everyone) is measured as it would be.
 */

import { join } from 'node:path';
import { USER_SCOPES } from '../emulator/demo-seed';
import type { Seed, SeedUser } from '../emulator/seed';
import type { GasEnvironment, LoadedBundle, StrictOptions } from '../gas-fakes';
import { loadBundle } from '../gas-fakes';
import { realisticName, realisticSpaceName, realisticUserId, seededRandom } from './realistic-ids';
import {
  ALICE,
  ALICE_TOKEN,
  applyFigures,
  applyWithContinuations,
  type Bench,
  CONTINUE_HANDLER,
  chatLatency,
  chatWaitSeconds,
  DIST,
  EXECUTION_LIMIT_MS,
  environment,
  hasStoredRun,
  type Intent,
  measureServer,
  type ProductRun,
  pendingTriggers,
  type ScenarioResult,
  sheetCalls,
  sheetRows,
  sleepReal,
  startApply,
  writeFloorSeconds,
} from './scenarios';

/** Bounds every loop: sidebar steps of one run (each at most one execution of work). */
const MAX_SIDEBAR_STEPS = 400;
/** One google.script.run round trip between two steps (emulated ms): the sidebar's own cost, not modelled elsewhere. */
const SIDEBAR_ROUND_TRIP_MS = 1000;
const TARGET_UI = 'Manager';
const TARGET_ROLE = 'ROLE_ASSISTANT_MANAGER';

export interface RunSpec {
  name: string;
  spaces: number;
  perSpace: number;
  driver: 'sidebar' | 'triggers';
  /** Strict fakes options (lateTriggers for 6 and 7). */
  strict?: StrictOptions;
  log?: (line: string) => void;
}

/** Alice (Owner everywhere) and `perSpace` distinct Members in each of `spaces` spaces, with Chat's id shapes. */
export function realisticSeed(spaces: number, perSpace: number): { seed: Seed; spaceNames: string[]; alice: string } {
  const random = seededRandom(5);
  const userId = () => `users/${realisticUserId(random)}`;
  const alice = userId();
  const users: SeedUser[] = [{ name: alice, displayName: 'Alice Ng', email: ALICE, type: 'HUMAN' }];
  const spaceNames = Array.from({ length: spaces }, () => realisticSpaceName(random));
  const seed: Seed = {
    principals: [{ token: ALICE_TOKEN, user: alice, scopes: [...USER_SCOPES], admin: false }],
    users,
    spaces: spaceNames.map((name, s) => {
      const members = Array.from({ length: perSpace }, (_, i) => {
        const { first, last } = realisticName(random);
        const user: SeedUser = {
          name: userId(),
          displayName: `${first} ${last} ${s + 1}.${i + 1}`,
          email: `${first.toLowerCase()}.${s + 1}.${i + 1}@example.com`,
          type: 'HUMAN',
        };
        users.push(user);
        return { member: user.name, role: 'ROLE_MEMBER', state: 'JOINED' } as const;
      });
      return {
        name,
        displayName: `Team space ${String(s + 1).padStart(3, '0')}`,
        spaceType: 'SPACE' as const,
        createTime: '2025-01-01T09:00:00Z',
        memberships: [{ member: alice, role: 'ROLE_MANAGER', state: 'JOINED' } as const, ...members],
      };
    }),
  };
  return { seed, spaceNames, alice };
}

/** Loads every space and types Manager for each member but Alice, pasting each block of consecutive rows at once. */
function typeChanges(env: GasEnvironment, bundle: LoadedBundle, seed: Seed, spaceNames: string[]): Intent[] {
  const intents: Intent[] = [];
  const emails = new Map(seed.users.map((u) => [u.name, u.email ?? ''] as const));
  for (const [s, space] of spaceNames.entries()) {
    const loaded = env.sim.as(ALICE, () => bundle.run('loadSpace', space)) as { sheetName: string };
    const rows = sheetRows(env, loaded.sheetName);
    const members = (seed.spaces[s]?.memberships ?? []).slice(1);
    const targets = members.map((m) => rows.get(emails.get(m.member ?? '') ?? '') ?? -1).sort((a, b) => a - b);
    if (targets.includes(-1)) throw new Error(`a member of ${space} is not in ${loaded.sheetName}`);
    for (let i = 0; i < targets.length; ) {
      let j = i;
      while (j + 1 < targets.length && targets[j + 1] === (targets[j] ?? 0) + 1) j++;
      const block = Array.from({ length: j - i + 1 }, () => [TARGET_UI]);
      env.sim.userEdit(ALICE, loaded.sheetName, `E${targets[i]}:E${targets[j]}`, block, { paste: true });
      i = j + 1;
    }
    for (const m of members) {
      const id = (m.member ?? '').slice('users/'.length);
      intents.push({ space, key: `${space}/members/${id}`, email: emails.get(m.member ?? '') ?? '' });
    }
  }
  return intents;
}

/**
 * The sidebar's Apply (answered YES), then `continueMyBulkApply` again and again until the run is done, as
 * run-driver.ts does. A continuation trigger that falls due between two steps fires there (Apps Script would run
 * it; the sidebar's next call then waits for the lock): every execution is counted.
 */
async function applyFromSidebar(bench: Bench, env: GasEnvironment, bundle: LoadedBundle): Promise<ProductRun> {
  const { httpFrom, executionsFrom, started } = await startApply(bench, env);
  const result = env.sim.as(ALICE, () => bundle.run('applyPendingChanges')) as { confirmed?: boolean } | null;
  if (!result?.confirmed) throw new Error('the apply was not confirmed (no pending changes found?)');
  let executions = 1;
  const errors: string[] = [];
  for (let step = 0; step < MAX_SIDEBAR_STEPS; step++) {
    await sleepReal(SIDEBAR_ROUND_TRIP_MS / bench.scale);
    const runs = env.sim.fireTimeTriggers().filter((r) => r.handler === CONTINUE_HANDLER);
    executions += runs.length;
    for (const run of runs) if (run.error) errors.push(String((run.error as Error).message ?? run.error));
    const next = env.sim.as(ALICE, () => bundle.run('continueMyBulkApply')) as { progress: unknown } | null;
    executions++;
    if (!next?.progress) break;
  }
  const history = env.sim.executions.slice(executionsFrom);
  if (process.env.BENCH_DEBUG) logExecutions(env, history, started);
  return {
    seconds: (env.clock.now() - started) / 1000,
    executions,
    sheetCalls: sheetCalls(env),
    chatWaitSeconds: chatWaitSeconds(env, httpFrom, bench.scale),
    latency: chatLatency(env, httpFrom, bench.scale),
    hardStops: history.filter((e) => e.hardStopped).length,
    orphanedRun: hasStoredRun(env),
    reportedApplied: null,
    errors,
  };
}

/**
 * BENCH_DEBUG=1: each execution's start, length, time before its first Chat request and after its last, and the
 * busiest fake calls — where a long run loses time between executions (loading, re-reading sheets, writing outcomes).
 */
function logExecutions(env: GasEnvironment, history: GasEnvironment['sim']['executions'], started: number): void {
  const counts = Object.entries(env.calls)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  process.stderr.write(`calls ${JSON.stringify(counts)}\n`);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  for (const e of history) {
    const inside = env.sim.http.filter((h) => h.at >= e.startedAt && h.at <= e.endedAt);
    const first = inside[0]?.at ?? e.endedAt;
    const last = inside[inside.length - 1]?.at ?? e.startedAt;
    process.stderr.write(
      `exec ${e.kind} ${s(e.startedAt - started)} +${s(e.endedAt - e.startedAt)} startup ${s(first - e.startedAt)} wind-down ${s(e.endedAt - last)} http ${inside.length}\n`,
    );
  }
}

export async function runLongScenario(bench: Bench, spec: RunSpec): Promise<ScenarioResult> {
  const log = spec.log ?? (() => undefined);
  const { seed, spaceNames } = realisticSeed(spec.spaces, spec.perSpace);
  await bench.reset(seed);
  const env = environment(bench, EXECUTION_LIMIT_MS, undefined, spec.strict);
  const bundle = loadBundle(join(DIST, 'Code.js'), env);
  bundle.simpleTrigger('onOpen');
  const setupStart = performance.now();
  const intents = typeChanges(env, bundle, seed, spaceNames);
  const changes = intents.length;
  log(
    `  ${spec.name}: ${changes} changes typed (${((performance.now() - setupStart) / 1000).toFixed(0)} s real); applying…`,
  );
  const product =
    spec.driver === 'sidebar'
      ? await applyFromSidebar(bench, env, bundle)
      : await applyWithContinuations(bench, env, bundle);
  const peak = env.sim.properties.document.peakBytes;
  const stillPending = spec.driver === 'triggers' && pendingTriggers(env).length > 0;
  const server = await measureServer(bench, intents);
  env.dispose();
  const floor = writeFloorSeconds(changes, spec.perSpace);
  log(`  ${spec.name}: ${product.seconds.toFixed(1)} s in ${product.executions} executions, peak ${peak} bytes`);
  return {
    ...applyFigures(spec, changes, floor, product, server),
    baselineSeconds: null,
    speedupVsBaseline: null,
    baselineCompleted: null,
    orphanedRun: product.orphanedRun && !stillPending,
    reportedApplied: null,
    baseline: null,
    propertiesPeakBytes: peak,
    extra: {
      driver: spec.driver,
      lateTriggers: spec.strict?.lateTriggers !== undefined,
      targetRole: TARGET_ROLE,
      continuationErrors: product.errors.length > 0 ? product.errors.join(' | ') : null,
    },
  };
}
