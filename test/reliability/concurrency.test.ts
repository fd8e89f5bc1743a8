/**
 * Two people with live editing on and a bulk apply, interleaved: edits made while the run waits for its continuation
 * and while another execution holds the document lock. The last role each person typed ends in Chat (or pending with a
 * Status saying why), nothing is written twice, and every Status tells the truth.
 */

import { concurrencyScenario } from './scenarios';

describe('concurrent editors and a bulk apply', () => {
  it('serialises them without a lost update or a double apply', async () => {
    const { figures, problems } = await concurrencyScenario({
      trials: 4,
      spaces: 3,
      membersPerSpace: 8,
      pending: 12,
      edits: 12,
      seed: 7,
    });
    expect(problems).toEqual([]);
    expect(figures).toMatchObject({ trials: 4, lost: 0, duplicates: 0, wrongStatuses: 0 });
  }, 120_000);
});
