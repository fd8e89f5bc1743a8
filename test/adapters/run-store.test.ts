/**
 * The run store on the gas-fakes' own PropertiesService and Utilities (gzip included): a run of 10,000 realistic
 * changes saved before every wave, as the executor does, never takes document properties above half of the 500 kB.
 */

import { deleteRun, loadRun, markSent, saveRun, unseenWritesOfOthers } from '../../src/adapters/run-store';
import type { RunState } from '../../src/domain/run-state';
import { realisticRun } from '../support/realistic-run';
import { withPropertyGlobals } from './property-globals';

const HALF_OF_THE_STORE = 250_000;
const stores = withPropertyGlobals();

/** Loads the run from what is stored (as a use case does at the start of each execution). */
const reload = (user: string) => loadRun(user);

describe('run store', () => {
  it('stays under half the store for 10,000 changes over 100 spaces at every save, and writes the plan once', () => {
    const run = realisticRun(100, 100);
    expect(loadRun(run.user)).toBeUndefined();
    saveRun(run);
    const planKeys = [...stores.document().values.keys()].filter((k) => k.includes('.p0.'));
    const plan = new Map(planKeys.map((k) => [k, stores.document().values.get(k)]));
    // A wave at a time, one job per space, as the engine sends them; spaces are recorded when they finish.
    for (let wave = 0; wave < 100; wave++) {
      for (let s = 0; s < 100; s++) {
        const job = run.jobs[s * 100 + wave];
        if (job) Object.assign(job, { state: 'applied', attempts: 1 });
        const next = run.jobs[s * 100 + wave + 1];
        if (next) Object.assign(next, { state: 'inflight', attempts: 1 });
      }
      // Every tenth wave, the first spaces' outcomes are written to the sheet (recorded).
      if (wave % 10 === 0) for (const j of run.jobs.slice(0, wave * 50)) if (j.state === 'applied') j.recorded = true;
      saveRun(run);
    }
    expect(stores.document().peakBytes).toBeLessThanOrEqual(HALF_OF_THE_STORE);
    for (const [k, v] of plan) expect(stores.document().values.get(k)).toBe(v);
    const back = reload(run.user);
    expect(back?.jobs.map((j) => [j.key, j.state, j.who])).toEqual(run.jobs.map((j) => [j.key, j.state, j.who]));
    deleteRun(run.user);
    expect(stores.document().values.size).toBe(0);
  });

  it('keeps writes marked sent between two saves as possibly made (inflight) when the execution stops there', () => {
    const run = realisticRun(2, 3);
    saveRun(run);
    const [first, second, third] = run.jobs;
    if (!first || !second || !third) throw new Error('no jobs');
    Object.assign(first, { state: 'inflight', attempts: 1 });
    markSent(run, [first]);
    // The answer came (applied, in memory only), then the next write went out; then the execution stopped.
    Object.assign(first, { state: 'applied' });
    Object.assign(second, { state: 'inflight', attempts: 2 });
    markSent(run, [second]);
    const back = reload(run.user);
    expect(back?.jobs.slice(0, 3).map((j) => [j.state, j.attempts])).toEqual([
      ['inflight', 1],
      ['inflight', 2],
      ['queued', 0],
    ]);
    // The next save holds what happened; the journal written before it no longer counts, and the next one only adds.
    saveRun(run);
    Object.assign(third, { state: 'inflight', attempts: 1 });
    markSent(run, [third]);
    expect(
      reload(run.user)
        ?.jobs.slice(0, 3)
        .map((j) => j.state),
    ).toEqual(['applied', 'inflight', 'inflight']);
    const journalKey = [...stores.document().values.keys()].find((k) => k.endsWith('.j'));
    expect(journalKey).toBeDefined();
    deleteRun(run.user);
    expect([...stores.document().values.keys()]).toEqual([]);
  });

  it('continues nothing from a journal that does not fit its run, and saves the whole run when it has none', () => {
    const run = realisticRun(1, 2);
    const [first] = run.jobs;
    if (!first) throw new Error('no jobs');
    // Never saved in this execution: marking a write saves the whole run instead.
    Object.assign(first, { state: 'inflight', attempts: 1 });
    markSent(run, [first]);
    expect(reload(run.user)?.jobs[0]?.state).toBe('inflight');
    const key = [...stores.document().values.keys()].find((k) => k.endsWith('.j'));
    const progress = [...stores.document().values.entries()].find(([k]) => k.endsWith('.s.0'))?.[1] ?? '';
    const generation = (JSON.parse(progress) as { g: number }).g;
    stores
      .document()
      .values.set(key ?? `run.${run.user}.j`, JSON.stringify({ v: 1, id: run.runId, g: generation, s: [99, 1] }));
    expect(reload(run.user)).toBeUndefined();
  });

  it('adds a plan segment for changes added to an open run, and leaves other people’s runs alone', () => {
    const run = realisticRun(2, 3);
    const other: RunState = { ...realisticRun(1, 2, 5), user: 'alice.ng@example.com.au' };
    saveRun(other);
    saveRun(run);
    const more = realisticRun(1, 2, 7).jobs;
    run.jobs.push(...more);
    saveRun(run);
    expect([...stores.document().values.keys()].filter((k) => k.startsWith('run.alice.ng@example.com.p'))).toHaveLength(
      4,
    );
    expect(reload(run.user)?.jobs).toHaveLength(8);
    deleteRun(run.user);
    expect(reload(other.user)?.jobs).toHaveLength(2);
  });

  it("names the memberships other people's runs changed unseen by their rows (journaled too), never one's own", () => {
    const bob: RunState = { ...realisticRun(1, 3, 5), user: 'bob@example.com' };
    const alice = realisticRun(1, 2, 7);
    saveRun(bob);
    saveRun(alice);
    // Bob's execution sends his second change and dies before the answer: only the journal knows it went out.
    const sent = bob.jobs[1];
    if (!sent) throw new Error('no job');
    Object.assign(sent, { state: 'inflight', attempts: 1 });
    markSent(bob, [sent]);
    Object.assign(alice.jobs[0] ?? {}, { state: 'inflight', attempts: 1 });
    saveRun(alice);
    expect([...unseenWritesOfOthers(alice.user)]).toEqual([[sent.key, [{ user: 'bob@example.com', to: sent.to }]]]);
    // Applied, but not yet written to its row: still unseen there. Once written (recorded), it is not.
    const [first, , third] = bob.jobs;
    if (!first || !third) throw new Error('no jobs');
    Object.assign(first, { state: 'applied', attempts: 1 });
    Object.assign(third, { state: 'applied', attempts: 1, recorded: true });
    saveRun(bob);
    expect([...unseenWritesOfOthers(alice.user).keys()].sort()).toEqual([first.key, sent.key].sort());
    expect([...unseenWritesOfOthers('bob@example.com').keys()]).toEqual([alice.jobs[0]?.key]);
    // Carol's run has one of the same membership, to another role: both are named.
    const carol: RunState = {
      ...realisticRun(1, 1, 9),
      user: 'carol@example.com',
      jobs: [{ ...sent, to: 'ROLE_MANAGER', state: 'inflight', attempts: 1 }],
    };
    saveRun(carol);
    expect(
      unseenWritesOfOthers(alice.user)
        .get(sent.key)
        ?.map((w) => [w.user, w.to]),
    ).toEqual(
      expect.arrayContaining([
        ['bob@example.com', sent.to],
        ['carol@example.com', 'ROLE_MANAGER'],
      ]),
    );
    deleteRun('bob@example.com');
    deleteRun('carol@example.com');
    expect(unseenWritesOfOthers(alice.user).size).toBe(0);
  });

  it('continues nothing from a damaged store, and a new run replaces it', () => {
    const run = realisticRun(1, 3);
    saveRun(run);
    const key = 'run.alice.ng@example.com.p0.0';
    stores.document().values.set(key, `${stores.document().values.get(key)?.slice(0, 20)}AAAA`);
    expect(reload(run.user)).toBeUndefined();
    stores.document().values.set(key, 'not base64 at all!');
    expect(reload(run.user)).toBeUndefined();
    const fresh = { ...realisticRun(1, 1, 3), runId: 'another-run' };
    saveRun(fresh);
    expect(reload(run.user)?.runId).toBe('another-run');
    expect([...stores.document().values.keys()].filter((k) => k.includes('.p'))).toHaveLength(2);
  });

  it('reads a run saved by the earlier one-value format, and replaces it on the next save', () => {
    const legacy = JSON.stringify({
      v: 1,
      id: 'old-run',
      kind: 'apply',
      u: 'alice.ng@example.com',
      at: '2026-11-30T10:00:00.000Z',
      t: { 'spaces/AAAAold0000': 'Old' },
      s: [5, 1],
      j: [['spaces/AAAAold0000/members/123456789012345678901', 0, 1, 1, 1, 'Ana Osei', 3]],
    });
    stores.document().values.set('run.alice.ng@example.com.n', '1');
    stores.document().values.set('run.alice.ng@example.com.0', legacy);
    const run = reload('alice.ng@example.com');
    expect(run?.jobs).toMatchObject([{ state: 'inflight', attempts: 1, who: 'Ana Osei' }]);
    if (!run) return;
    saveRun(run);
    expect(stores.document().values.has('run.alice.ng@example.com.n')).toBe(false);
    expect(reload(run.user)).toMatchObject({ runId: 'old-run', settled: { applied: 5, failed: 1 } });
  });
});
