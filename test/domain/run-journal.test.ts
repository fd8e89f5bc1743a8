import { applyJournal, decodeJournal, encodeJournal } from '../../src/domain/run-journal';
import type { RunJob } from '../../src/domain/run-state';

const job = (state: RunJob['state'], attempts = 0): RunJob => ({
  access: 'user',
  index: 0,
  key: 'spaces/A/members/1',
  space: 'spaces/A',
  who: 'Person',
  from: 'ROLE_MEMBER',
  to: 'ROLE_MANAGER',
  attempts,
  state,
});

describe('sent journal', () => {
  it('reads back what it wrote', () => {
    const journal = { runId: 'r1', generation: 4, sent: [0, 1, 5, 2] };
    expect(decodeJournal(encodeJournal(journal))).toEqual(journal);
  });

  it('marks only queued jobs inflight: a finished job stays finished, whatever the journal says', () => {
    const jobs = [job('queued'), job('applied', 1), job('inflight', 3), job('queued')];
    expect(applyJournal(jobs, { runId: 'r1', generation: 1, sent: [0, 2, 1, 2, 2, 1] })).toBe(true);
    expect(jobs.map((j) => [j.state, j.attempts])).toEqual([
      ['inflight', 2],
      ['applied', 1],
      ['inflight', 3],
      ['queued', 0],
    ]);
  });

  it('refuses a journal naming a job the run does not have, and ignores text that is not a journal', () => {
    expect(applyJournal([job('queued')], { runId: 'r1', generation: 1, sent: [3, 1] })).toBe(false);
    for (const text of ['', 'x', '{"v":1,"id":"r","g":1,"s":[1]}', '{"v":1,"id":"r","g":1,"s":[-1,1]}', '{"v":9}'])
      expect(decodeJournal(text)).toBeUndefined();
  });
});
