/**
 * Two people with live editing on and a bulk apply, interleaved: edits made while the run waits for its continuation
 * and while another execution holds the document lock. The last role each person typed ends in Chat (or pending with a
 * Status saying why), nothing is written twice, and every Status tells the truth.
 */

import { concurrencyScenario } from './scenarios';

/** Trials from `seed` on: 3 spaces of 8, 12 changes pending before the run, 12 edits while it waits. */
async function expectSerialised(trials: number, seed: number): Promise<void> {
  const { figures, problems } = await concurrencyScenario({
    trials,
    spaces: 3,
    membersPerSpace: 8,
    pending: 12,
    edits: 12,
    seed,
  });
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({ trials, lost: 0, duplicates: 0, wrongStatuses: 0 });
}

describe('concurrent editors and a bulk apply', () => {
  it('serialises them without a lost update or a double apply', () => expectSerialised(4, 7), 120_000);

  // Seed 23: Alice's run dies just after its PATCH to Manager reached Chat; Bob types Member (the row still says
  // Member), then Manager. That Manager was a second identical PATCH until live edits read such a membership first.
  it(
    'writes a role once when a live edit meets a write an interrupted run never read the answer to',
    () => expectSerialised(1, 23),
    60_000,
  );
});
