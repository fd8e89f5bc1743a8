/**
 * Guard for `npm run bench`: a tiny scenario 1 (20 changes over 4 spaces, at a high time scale) through the same
 * bench code, product and baseline. It checks correctness and the report's shape, never timing: speed is what the
 * benchmark shows, not what a test asserts.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../bench';
import { MARK_END, MARK_START, toMarkdown, writeReadmeSection } from '../report';
import { type Bench, runBulkScenario, type ScenarioResult, startBench } from '../scenarios';

const FIELDS = [
  'name',
  'changes',
  'spaces',
  'seconds',
  'quotaFloorSeconds',
  'efficiency',
  'requests',
  'http429',
  'sheetCalls',
  'lost',
  'duplicates',
  'baselineSeconds',
  'speedupVsBaseline',
  'executions',
] as const;

describe('bench (guard)', () => {
  let bench: Bench;
  let result: ScenarioResult;

  beforeAll(async () => {
    bench = await startBench({ scale: 50, latencyMs: 150 });
    result = await runBulkScenario(bench, {
      name: '1. guard: 20 changes, 4 spaces',
      spaces: 4,
      perSpace: 5,
      membersPerSpace: 8,
      baseline: 'complete',
    });
  }, 120_000);
  afterAll(() => bench.stop());

  it('applies every change exactly once, product and baseline', () => {
    expect(result.changes).toBe(20);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.hardStops).toBe(0);
    expect(result.orphanedRun).toBe(false);
    expect(result.baseline).toMatchObject({ lost: 0, duplicates: 0, stopped: false, completed: 20 });
  });

  it('reports every field of the JSON output', () => {
    const report = buildReport({ scale: 50, latencyMs: 150, realSeconds: 1 }, { scenarios: [result], rowProbe: null });
    const json = JSON.parse(JSON.stringify(report)) as { scenarios: Record<string, unknown>[]; timeScale: number };
    expect(json.timeScale).toBe(50);
    const scenario = json.scenarios[0] as Record<string, unknown>;
    for (const field of FIELDS) expect(scenario).toHaveProperty(field);
    for (const field of FIELDS.filter((f) => f !== 'name')) expect(typeof scenario[field]).toBe('number');
    expect(scenario.quotaFloorSeconds).toBe(5); // max(20 / 5 per s, 5 per space × 1 s)
  });

  it('writes the figures between the README markers, and only there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-readme-'));
    try {
      const path = join(dir, 'README.md');
      writeFileSync(path, `# Title\n\n## Performance\n\n${MARK_START}\nold\n${MARK_END}\n\n## After\n`);
      const report = buildReport(
        { scale: 50, latencyMs: 150, realSeconds: 1 },
        { scenarios: [result], rowProbe: null },
      );
      writeReadmeSection(path, toMarkdown(report));
      const text = readFileSync(path, 'utf8');
      expect(text).not.toContain('\nold\n');
      expect(text).toContain('one real second is 50 emulated seconds');
      expect(text).toContain('| 1. guard: 20 changes, 4 spaces | 20 | 4 |');
      expect(text.endsWith(`${MARK_END}\n\n## After\n`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
