/**
 * Bulk apply under injected faults: 600 changes over 20 spaces, 10% and 30% of Chat requests failing with 429, 500 or
 * 503 (a 5xx half the time after the write was applied), 100 ms of latency. Nothing may be lost, written twice, or
 * reported wrongly. `npm run soak` runs the same scenario with more seeds.
 */

import { faultScenario, type Outcome } from './scenarios';

const expectClean = ({ figures, problems }: Outcome) => {
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({ lost: 0, duplicates: 0, wrongStatuses: 0 });
  expect(figures.faultsInjected).toBeGreaterThan(0);
};

describe('bulk apply under faults', () => {
  it.each([
    [0.1, 11],
    [0.3, 31],
  ])(
    'applies 600 changes over 20 spaces exactly once with %p of requests failing (fault seed %p)',
    async (rate, seed) => {
      const outcome = await faultScenario({ trials: 1, spaces: 20, perSpace: 30, rate, latencyMs: 100, seed });
      expectClean(outcome);
      expect(outcome.figures.changes).toBe(600);
    },
    120_000,
  );
});
