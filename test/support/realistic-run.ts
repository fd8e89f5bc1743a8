/**
 * Runs shaped like real ones, for size tests: Chat's ids as Google issues them (`spaces/AAAA` + 7 characters,
 * `users/` + 21 digits), distinct members in every space, display names as `who`. Short emulator ids would make the
 * stored run look smaller than it is.
 */

import type { RunJob, RunState } from '../../src/domain/run-state';
import { realisticName, realisticSpaceName, realisticUserId, seededRandom } from '../../tools/bench/realistic-ids';

/** A display name, distinct for every member (as most are): the `who` table cannot share them. */
function who(random: () => number, i: number): string {
  const { first, last } = realisticName(random);
  return `${first} ${last} ${i + 1}`;
}

/** `spaces` spaces of `perSpace` queued changes each (Member → Manager), every member distinct. */
export function realisticRun(spaces: number, perSpace: number, seed = 11): RunState {
  const random = seededRandom(seed);
  const jobs: RunJob[] = [];
  const titles: Record<string, string> = {};
  for (let s = 0; s < spaces; s++) {
    const space = realisticSpaceName(random);
    titles[space] = `Team space ${s + 1}`;
    for (let m = 0; m < perSpace; m++) {
      jobs.push({
        access: 'user',
        index: m + 1,
        key: `${space}/members/${realisticUserId(random)}`,
        space,
        who: who(random, s * perSpace + m),
        from: 'ROLE_MEMBER',
        to: 'ROLE_ASSISTANT_MANAGER',
        attempts: 0,
        state: 'queued',
      });
    }
  }
  return {
    runId: '4f1c2a9e-8b7d-4c3e-9a1f-2b6d8e0c7a55',
    kind: 'apply',
    user: 'alice.ng@example.com',
    startedAt: '2026-12-01T09:00:00.000Z',
    titles,
    jobs,
  };
}
