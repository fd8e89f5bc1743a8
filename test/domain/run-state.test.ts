import { chunk, decodeRun, encodeRun, progressOf, type RunState } from '../../src/domain/run-state';

const run = (n: number, spaces = 1): RunState => ({
  runId: 'run-1',
  kind: 'apply',
  user: 'alice@example.com',
  startedAt: '2026-11-29T10:00:00.000Z',
  titles: { 'spaces/A': 'Launch team' },
  jobs: Array.from({ length: n }, (_, i) => ({
    access: i % 5 === 0 ? ('admin' as const) : ('user' as const),
    index: i,
    key: `spaces/S${i % spaces}/members/${1000 + i}`,
    space: `spaces/S${i % spaces}`,
    who: `Person ${i} “quoted”`,
    from: 'ROLE_MEMBER' as const,
    to: 'ROLE_ASSISTANT_MANAGER' as const,
    attempts: i % 3,
    state: i % 2 === 0 ? ('queued' as const) : ('applied' as const),
  })),
});

describe('run state', () => {
  it('round-trips through its compact encoding', () => {
    const original = run(5);
    original.jobs[1] = {
      ...(original.jobs[1] as RunState['jobs'][number]),
      state: 'failed',
      reason: 'no permission',
      errorStatus: 403,
    };
    expect(decodeRun(encodeRun(original))).toEqual(original);
  });

  it('round-trips the checks of an unknown outcome and the undo flag, and reads runs saved without them', () => {
    const original = run(3);
    original.jobs[0] = { ...(original.jobs[0] as RunState['jobs'][number]), state: 'inflight', checks: 4 };
    original.jobs[2] = { ...(original.jobs[2] as RunState['jobs'][number]), undo: true };
    expect(decodeRun(encodeRun(original))).toEqual(original);
    // A run saved before these fields existed: 11 values per job.
    const older = JSON.parse(encodeRun(run(2))) as { j: unknown[][] };
    older.j = older.j.map((job) => job.slice(0, 11));
    expect(decodeRun(JSON.stringify(older))).toEqual(run(2));
  });

  it('keeps a 1,000-change run within a few property values', () => {
    const pieces = chunk(encodeRun(run(1000, 20)));
    expect(pieces.every((p) => Buffer.byteLength(p, 'utf8') <= 8000)).toBe(true);
    expect(pieces.join('')).toBe(encodeRun(run(1000, 20)));
    expect(pieces.length).toBeLessThan(20);
  });

  it('keeps finished, recorded jobs only as counts, so a big run shrinks as it goes', () => {
    const big = run(2000, 20);
    const full = Buffer.byteLength(encodeRun(big), 'utf8');
    big.jobs.forEach((job, i) => {
      if (i < 1500) Object.assign(job, { state: i % 100 === 0 ? 'failed' : 'applied', recorded: true });
    });
    const saved = encodeRun(big);
    expect(Buffer.byteLength(saved, 'utf8')).toBeLessThan(full / 3);
    const back = decodeRun(saved);
    expect(back?.jobs).toHaveLength(500);
    expect(back && progressOf(back)).toMatchObject({ done: 1500 - 15 + 250, failed: 15, remaining: 250 });
    expect(back && progressOf(back)).toEqual(progressOf(big));
  });

  it('never splits a multi-byte character', () => {
    const pieces = chunk('é'.repeat(10_001), 1001);
    expect(pieces.join('')).toBe('é'.repeat(10_001));
    expect(pieces.every((p) => Buffer.byteLength(p, 'utf8') <= 1001)).toBe(true);
  });

  it('rejects damaged state instead of guessing', () => {
    expect(decodeRun('{"v":1}')).toBeUndefined();
    expect(decodeRun('not json')).toBeUndefined();
    expect(
      decodeRun(encodeRun(run(1)).replace('"spaces/S0/members/1000",0,1', '"spaces/S0/members/1000",0,9')),
    ).toBeUndefined();
  });

  it('estimates time left from the quotas: the busiest space or 5 writes a second, whichever is slower', () => {
    expect(progressOf(run(10, 1))).toMatchObject({ done: 5, remaining: 5, etaSeconds: 6 });
    expect(progressOf(run(100, 50))).toMatchObject({ remaining: 50, etaSeconds: 10 });
  });

  it('estimates time left from the rate measured since the run started, when slower than the quotas (issue 13 bug 6)', () => {
    const started = Date.parse('2026-11-29T10:00:00.000Z');
    // 5 of 10 finished in 35 s: 5 left take about 35 s more, not the 6 s the quotas allow.
    expect(progressOf(run(10, 1), started + 35_000)).toMatchObject({ remaining: 5, etaSeconds: 35 });
    // Faster than the quotas is not believed: the quota pace bounds it.
    expect(progressOf(run(10, 1), started + 1_000)).toMatchObject({ etaSeconds: 6 });
  });
});
