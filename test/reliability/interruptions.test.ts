/**
 * Bulk apply killed at 20 seeded points (Apps Script ending the execution before or after a service call takes
 * effect), then recovered as a person would: the continuation trigger, Resume bulk apply, or Apply pending role changes
 * pressed again. Every change must end applied exactly once with a truthful Status.
 */

import { interruptionScenario } from './scenarios';

describe('bulk apply stopped at 20 points', () => {
  it('recovers from every stop with each change applied once', async () => {
    const { figures, problems } = await interruptionScenario({ points: 20, spaces: 3, perSpace: 6, seed: 2026 });
    expect(problems).toEqual([]);
    expect(figures).toMatchObject({ trials: 20, lost: 0, duplicates: 0, wrongStatuses: 0 });
  }, 120_000);
});
