/**
 * `npm run soak`: the reliability scenarios of test/reliability/scenarios.ts with more trials, larger sizes and other
 * seeds than the jest suites — bulk apply of 600 changes over 20 spaces under 10% and 30% faults, 20 stop points,
 * concurrent editors — bounded to about five minutes. Prints a table; `--json` prints one JSON object
 * (`{"tests": [{name, trials, faultsInjected, changes, lost, duplicates, wrongStatuses, seconds}, …]}`) instead;
 * `--markdown` also rewrites the summary between the soak markers in docs/reliability.md. `--seed N` shifts every seed.
 * Exits with status 1 when anything was lost, written twice or reported wrongly.
 */

import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  concurrencyScenario,
  type Figures,
  faultScenario,
  interruptionScenario,
  type Outcome,
} from '../../test/reliability/scenarios';
import { TIME_SCALE } from '../../test/support/harness';
import { MARK_END, MARK_START, markdownSection, textReport, writeSection } from './report';

interface Options {
  json: boolean;
  markdown: boolean;
  seed: number;
  /** Wall-clock budget of the whole soak, in seconds. */
  budget: number;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { json: false, markdown: false, seed: 1000, budget: 280 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${arg} needs a number`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--markdown') options.markdown = true;
    else if (arg === '--seed') options.seed = Math.trunc(value());
    else if (arg === '--budget') options.budget = value();
    else throw new Error(`unknown option ${arg} (use --json, --markdown, --seed N, --budget SECONDS)`);
  }
  return options;
}

interface Plan {
  /** Share of the budget this scenario may use before it stops starting trials. */
  share: number;
  run: (until: number, seed: number, log: (line: string) => void) => Promise<Outcome>;
}

const PLAN: Plan[] = [
  {
    share: 0.14,
    run: (until, seed, log) =>
      faultScenario({
        name: 'Faults 10%: 600 changes, 20 spaces',
        trials: 6,
        spaces: 20,
        perSpace: 30,
        rate: 0.1,
        latencyMs: 100,
        seed,
        until,
        log,
      }),
  },
  {
    share: 0.18,
    run: (until, seed, log) =>
      faultScenario({
        name: 'Faults 30%: 600 changes, 20 spaces',
        trials: 6,
        spaces: 20,
        perSpace: 30,
        rate: 0.3,
        latencyMs: 100,
        seed: seed + 100,
        until,
        log,
      }),
  },
  {
    share: 0.1,
    run: (until, seed, log) =>
      interruptionScenario({
        name: 'Interruptions: 20 stop points, 60 changes, 6 spaces',
        points: 20,
        spaces: 6,
        perSpace: 10,
        seed: seed + 200,
        until,
        log,
      }),
  },
  {
    share: 0.1,
    run: (until, seed, log) =>
      interruptionScenario({
        name: 'Interruptions + 10% faults: 20 stop points, 40 changes',
        points: 20,
        spaces: 4,
        perSpace: 10,
        rate: 0.1,
        seed: seed + 300,
        until,
        log,
      }),
  },
  {
    share: 0.28,
    run: (until, seed, log) =>
      concurrencyScenario({
        name: 'Concurrency: 2 live editors + bulk apply',
        trials: 16,
        spaces: 3,
        membersPerSpace: 10,
        pending: 15,
        edits: 16,
        seed: seed + 400,
        until,
        log,
      }),
  },
  {
    share: 0.2,
    run: (until, seed, log) =>
      concurrencyScenario({
        name: 'Concurrency + 10% faults',
        trials: 10,
        spaces: 3,
        membersPerSpace: 10,
        pending: 15,
        edits: 16,
        rate: 0.1,
        seed: seed + 500,
        until,
        log,
      }),
  },
];

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  const load = loadavg()[0] ?? 0;
  const end = started + options.budget * 1000;
  const tests: Figures[] = [];
  const problems: string[] = [];
  let reserved = 0;
  for (const step of PLAN) {
    // Each scenario may use its share of the budget, plus whatever the ones before it left unused.
    reserved += step.share;
    const until = Math.min(end, started + reserved * options.budget * 1000);
    const outcome = await step.run(until, options.seed, log);
    log(`${outcome.figures.name}: ${outcome.figures.trials} trials in ${outcome.figures.seconds} s`);
    tests.push(outcome.figures);
    problems.push(...outcome.problems.map((p) => `${outcome.figures.name} ${p}`));
  }
  const report = {
    tests,
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: { before: load, after: loadavg()[0] ?? 0 },
    realSeconds: (Date.now() - started) / 1000,
    timeScale: TIME_SCALE,
    seed: options.seed,
  };
  for (const p of problems.slice(0, 100)) log(`PROBLEM ${p}`);
  if (options.markdown) {
    const readme = join(__dirname, '../../docs/reliability.md');
    writeSection(readme, MARK_START, MARK_END, markdownSection(report));
    log(`docs/reliability.md: soak figures rewritten between ${MARK_START} and ${MARK_END}`);
  }
  process.stdout.write(`${options.json ? JSON.stringify({ tests }) : textReport(report)}\n`);
  if (tests.some((t) => t.lost + t.duplicates + t.wrongStatuses > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
