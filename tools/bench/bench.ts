/**
 * `npm run bench`: bulk apply and load, measured against the Chat API emulator with realistic latency, compared with
 * the naive loop people write today. Prints a table; `--json` prints one JSON object instead; `--markdown` also
 * writes the figures into docs/performance.md between the bench markers. Options: `--scale N` (time scale, default 20),
 * `--latency MS` (default 150), `--only 1,3` (some scenarios; docs/performance.md is then left alone).
 */

import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type BenchReport, checksFor, type RowProbe, toMarkdown, toText, writeReadmeSection } from './report';
import { type Bench, ROOT, runBulkScenario, runLoadScenario, type ScenarioResult, startBench } from './scenarios';
import { runSharedProjectScenario } from './shared-project';
import { runLongScenario } from './sidebar-runs';

/** Late one-off triggers as the strict fakes draw them (10–120 s late), seeded so a run can be replayed. */
const LATE_TRIGGERS = { lateTriggers: { seed: 11, minMs: 10_000, maxMs: 120_000 } };

export const DEFAULT_SCALE = 20;
export const DEFAULT_LATENCY_MS = 150;

interface Options {
  json: boolean;
  markdown: boolean;
  scale: number;
  latencyMs: number;
  only: Set<string> | null;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = {
    json: false,
    markdown: false,
    scale: DEFAULT_SCALE,
    latencyMs: DEFAULT_LATENCY_MS,
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg} must be a positive number`);
      return n;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--markdown') options.markdown = true;
    else if (arg === '--scale') options.scale = positive(value());
    else if (arg === '--latency') options.latencyMs = positive(value());
    else if (arg === '--only') options.only = new Set(value().split(','));
    else throw new Error(`unknown option ${arg} (use --json, --markdown, --scale N, --latency MS, --only 1,2)`);
  }
  return options;
}

type Log = (line: string) => void;

/** The scenarios, by id, in the order they run (names are the ones the issues and docs/performance.md use). */
const SCENARIOS: readonly [string, (bench: Bench, log: Log) => Promise<ScenarioResult>][] = [
  [
    '1',
    (bench, log) =>
      runBulkScenario(bench, {
        name: '1. 600 changes, 20 spaces',
        spaces: 20,
        perSpace: 30,
        membersPerSpace: 40,
        baseline: 'complete',
        log,
      }),
  ],
  [
    '2',
    (bench, log) =>
      runBulkScenario(bench, {
        name: '2. 120 changes, 1 space',
        spaces: 1,
        perSpace: 120,
        membersPerSpace: 130,
        baseline: 'complete',
        log,
      }),
  ],
  ['3', (bench, log) => runLoadScenario(bench, { name: '3. Load 10,000 members', members: 10_000, log })],
  [
    '4',
    (bench, log) =>
      runBulkScenario(bench, {
        name: '4. 1,000 changes, 1 space, 6-min limit',
        spaces: 1,
        perSpace: 1000,
        membersPerSpace: 1010,
        baseline: 'limited',
        log,
      }),
  ],
  [
    '5',
    (bench, log) =>
      runLongScenario(bench, {
        name: '5. 10,000 changes, 100 spaces, sidebar open',
        spaces: 100,
        perSpace: 100,
        driver: 'sidebar',
        log,
      }),
  ],
  [
    '6',
    (bench, log) =>
      runLongScenario(bench, {
        name: '6. 1,000 changes, 1 space, sidebar open, late triggers',
        spaces: 1,
        perSpace: 1000,
        driver: 'sidebar',
        strict: LATE_TRIGGERS,
        log,
      }),
  ],
  [
    '7',
    (bench, log) =>
      runLongScenario(bench, {
        name: '7. 1,000 changes, 1 space, sidebar closed, late triggers',
        spaces: 1,
        perSpace: 1000,
        driver: 'triggers',
        strict: LATE_TRIGGERS,
        log,
      }),
  ],
  [
    '8',
    (bench, log) =>
      runSharedProjectScenario(bench, {
        name: '8. 3 people × 300 changes at once, one project',
        spacesPerPerson: 10,
        perSpace: 30,
        log,
      }),
  ],
  ['9', (bench, log) => runLoadScenario(bench, { name: '9. Load 50,000 members', members: 50_000, log })],
];

export async function runAll(
  bench: Bench,
  only: Set<string> | null,
  log: Log,
): Promise<{ scenarios: ScenarioResult[]; rowProbe: RowProbe | null }> {
  const wanted = (id: string) => only === null || only.has(id);
  const scenarios: ScenarioResult[] = [];
  const byId = new Map<string, ScenarioResult>();
  for (const [id, run] of SCENARIOS) {
    if (!wanted(id)) continue;
    log(`scenario ${id}…`);
    const started = loadavg()[0] ?? 0;
    const result = await run(bench, log);
    // Timing figures depend on the machine's load (its jitter is multiplied by the time scale): kept per scenario.
    result.extra.loadAverage = `${started.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
    scenarios.push(result);
    byId.set(id, result);
  }
  const load50k = byId.get('9');
  if (load50k && !wanted('3')) {
    // Scenario 9's sheet calls are compared with a load of 10,000: measured here when scenario 3 is not run.
    log('load probe (10,000 members)…');
    const probe = await runLoadScenario(bench, { name: 'load probe', members: 10_000 });
    load50k.extra.sheetCallsAt10000 = probe.sheetCalls;
  }
  const second = byId.get('2');
  return { scenarios, rowProbe: second ? await rowProbeFor(bench, second, log) : null };
}

/** The same apply as scenario 2 with a tenth of the rows: the sheet calls must not change. */
async function rowProbeFor(bench: Bench, second: ScenarioResult, log: Log): Promise<RowProbe> {
  log('row probe (12 changes in one space)…');
  const small = await runBulkScenario(bench, {
    name: 'probe',
    spaces: 1,
    perSpace: 12,
    membersPerSpace: 130,
    baseline: 'none',
  });
  return {
    small: {
      changes: small.changes,
      sheetCalls: small.sheetCalls,
      statusWrites: Number(small.extra.statusWrites ?? 0),
    },
    large: {
      changes: second.changes,
      sheetCalls: second.sheetCalls,
      statusWrites: Number(second.extra.statusWrites ?? 0),
    },
  };
}

/** The report printed (or written to docs/performance.md) for a set of results. */
export function buildReport(
  settings: { scale: number; latencyMs: number; realSeconds: number; loadBefore?: number },
  outcome: { scenarios: ScenarioResult[]; rowProbe: RowProbe | null },
): BenchReport {
  return {
    generatedAt: new Date().toISOString(),
    timeScale: settings.scale,
    latencyMs: settings.latencyMs,
    node: process.version,
    cpus: cpus().length,
    realSeconds: Math.round(settings.realSeconds),
    loadAverage: { before: settings.loadBefore ?? loadavg()[0] ?? 0, after: loadavg()[0] ?? 0 },
    scenarios: outcome.scenarios,
    rowProbe: outcome.rowProbe,
    checks: checksFor(outcome.scenarios, outcome.rowProbe),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const realStart = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  log(`bench: time scale ${options.scale}, latency ${options.latencyMs} ms per call`);
  const bench = await startBench({ scale: options.scale, latencyMs: options.latencyMs });
  let outcome: Awaited<ReturnType<typeof runAll>>;
  try {
    outcome = await runAll(bench, options.only, log);
  } finally {
    await bench.stop();
  }
  const realSeconds = (performance.now() - realStart) / 1000;
  const report = buildReport({ scale: options.scale, latencyMs: options.latencyMs, realSeconds, loadBefore }, outcome);
  if (options.markdown) {
    if (options.only !== null) log('--markdown ignored with --only: docs/performance.md shows the full bench only');
    else {
      writeReadmeSection(join(ROOT, 'docs/performance.md'), toMarkdown(report));
      log('docs/performance.md: figures updated');
    }
  }
  process.stdout.write(`${options.json ? JSON.stringify(report) : toText(report)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
