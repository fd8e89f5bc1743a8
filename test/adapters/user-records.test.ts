/** The person's own records (Undo, how the last run ended) in user properties, on the gas-fakes' PropertiesService. */

import { appendUndo, lastUndo } from '../../src/adapters/user-records';
import { realisticRun } from '../support/realistic-run';
import { withPropertyGlobals } from './property-globals';

withPropertyGlobals();

describe('user records', () => {
  it('keeps a run too large to undo marked as such, instead of a record of only its last outcomes', () => {
    const changes = realisticRun(100, 100).jobs.map(({ key, who, from, to, access }) => ({
      key,
      who,
      from,
      to,
      access,
    }));
    appendUndo('alice.ng@example.com', 'big-run', changes.slice(0, 100));
    expect(lastUndo('alice.ng@example.com')?.changes).toHaveLength(100);
    appendUndo('alice.ng@example.com', 'big-run', changes.slice(100, 9_000));
    appendUndo('alice.ng@example.com', 'big-run', changes.slice(9_000));
    expect(lastUndo('alice.ng@example.com')).toBeUndefined();
    appendUndo('alice.ng@example.com', 'next-run', changes.slice(0, 3));
    expect(lastUndo('alice.ng@example.com')).toMatchObject({ runId: 'next-run', changes: changes.slice(0, 3) });
  });
});
