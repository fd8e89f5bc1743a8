import type { MemberRow } from '../../src/domain/member-row';
import {
  dropSuperseded,
  MAX_CHECKS,
  MAX_THROTTLES,
  RunEngine,
  SUPERSEDED,
  UNKNOWN_OUTCOME,
  type WaveRequest,
  type WaveResult,
} from '../../src/domain/run-engine';
import type { RunJob } from '../../src/domain/run-state';

const job = (n: number, space = 'spaces/A', extra: Partial<RunJob> = {}): RunJob => ({
  access: 'user',
  index: n,
  key: `${space}/members/${n}`,
  space,
  who: `Person ${n}`,
  from: 'ROLE_MEMBER',
  to: 'ROLE_MANAGER',
  attempts: 0,
  state: 'queued',
  ...extra,
});

const ok = (role: string): WaveResult => ({ status: 200, body: JSON.stringify({ role }), retryAfter: undefined });
const status = (code: number, retryAfter?: string): WaveResult => ({ status: code, body: '{}', retryAfter });

/**
 * Drives the engine on a fake clock. `answer` is what "Chat" says to each request; the log lists every request as
 * `PATCH n` or `GET n` with the time it was sent.
 */
function drive(
  engine: RunEngine,
  answer: (request: WaveRequest, sent: number) => WaveResult | undefined,
): { log: string[]; retries: number; now: number } {
  let now = 0;
  let retries = 0;
  const log: string[] = [];
  for (let wave = 0; wave < engine.maxWaves && !engine.done; wave++) {
    const { requests, waitMs } = engine.nextWave(now);
    if (requests.length === 0) {
      now += waitMs;
      continue;
    }
    engine.sent(now);
    for (const r of requests) log.push(`${r.check ? 'GET' : 'PATCH'} ${r.job.index} @${now}`);
    const settled = engine.settle(
      requests.map((r) => answer(r, now)),
      now,
    );
    retries += settled.retries;
  }
  return { log, retries, now };
}

describe('run engine (the at-most-once protocol)', () => {
  it('applies queued jobs one write a second per space, several spaces per wave', () => {
    const jobs = [job(1), job(2), job(3, 'spaces/B')];
    // Made a second before its first wave: the project bucket has refilled (a run starts with one write).
    const { log } = drive(new RunEngine(jobs, -1000, () => 0), () => ok('ROLE_MANAGER'));
    expect(log).toEqual(['PATCH 1 @0', 'PATCH 3 @0', 'PATCH 2 @1050']);
    expect(jobs.map((j) => j.state)).toEqual(['applied', 'applied', 'applied']);
  });

  it('checks a PATCH whose answer was lost with a GET, and never sends it again once the GET shows it applied', () => {
    const jobs = [job(1)];
    let first = true;
    const { log } = drive(new RunEngine(jobs, 0, () => 0), (r) => {
      if (!r.check && first) {
        first = false;
        return undefined; // network error: the PATCH may or may not have been applied
      }
      return ok('ROLE_MANAGER');
    });
    expect(log.map((l) => l.split(' @')[0])).toEqual(['PATCH 1', 'GET 1']);
    expect(jobs[0]).toMatchObject({ state: 'applied', checks: 1 });
  });

  it('sends a PATCH again only after a check shows it was not applied', () => {
    const jobs = [job(1)];
    let patches = 0;
    const { log } = drive(new RunEngine(jobs, 0, () => 0), (r) => {
      if (r.check) return ok('ROLE_MEMBER');
      patches++;
      return patches === 1 ? status(503) : ok('ROLE_MANAGER');
    });
    expect(log.map((l) => l.split(' @')[0])).toEqual(['PATCH 1', 'GET 1', 'PATCH 1']);
    expect(jobs[0]?.state).toBe('applied');
  });

  it('reports an unknown outcome after MAX_CHECKS unanswered checks, without sending the PATCH again', () => {
    const jobs = [job(1)];
    const { log } = drive(new RunEngine(jobs, 0, () => 0), () => undefined);
    expect(log.filter((l) => l.startsWith('PATCH'))).toHaveLength(1);
    expect(log.filter((l) => l.startsWith('GET'))).toHaveLength(MAX_CHECKS);
    expect(jobs[0]).toMatchObject({ state: 'failed', reason: UNKNOWN_OUTCOME });
  });

  it('keeps a change refused by 429s many more times than its attempts (a shared quota), and applies it', () => {
    const jobs = [job(1)];
    let calls = 0;
    const refusals = 15; // more than MAX_ATTEMPTS (7): 429s used to use them up, and the change was lost
    const { log } = drive(new RunEngine(jobs, 0, () => 0), () =>
      ++calls <= refusals ? status(429) : ok('ROLE_MANAGER'),
    );
    expect(log).toHaveLength(refusals + 1);
    expect(jobs[0]).toMatchObject({ state: 'applied', attempts: 1, throttles: refusals });
  });

  it('gives a change up after MAX_THROTTLES 429s, saying the quota was exceeded (the loop ends by itself)', () => {
    const jobs = [job(1)];
    const engine = new RunEngine(jobs, 0, () => 0);
    const { log } = drive(engine, () => status(429));
    expect(log).toHaveLength(MAX_THROTTLES + 1);
    expect(jobs[0]).toMatchObject({ state: 'failed', errorStatus: 429 });
    expect(jobs[0]?.reason).toMatch(/quota/i);
  });

  it("retries a write refused for its space's own second at the space's next turn, not after a backoff", () => {
    // Chat's body for a per-space 429 is not documented (ASSUMPTIONS.md): this is the ErrorInfo the emulator sends.
    const perSpace: WaveResult = {
      status: 429,
      retryAfter: undefined,
      body: JSON.stringify({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'Quota exceeded.',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'RATE_LIMIT_EXCEEDED',
              domain: 'googleapis.com',
              metadata: { quota_limit: 'WriteRequestsPerSecondPerSpace', service: 'chat.googleapis.com' },
            },
          ],
        },
      }),
    };
    const jobs = [job(1), job(2)];
    let calls = 0;
    const { log } = drive(new RunEngine(jobs, 0, () => 0.5), () => (++calls === 2 ? perSpace : ok('ROLE_MANAGER')));
    // Job 2 is refused at 1050; it goes again one gap (1,050 ms) after that attempt, where a backoff would have waited
    // 1.5 s from the answer. A 429 naming no quota still backs off (see the Retry-After test).
    expect(log).toEqual(['PATCH 1 @0', 'PATCH 2 @1050', 'PATCH 2 @2100']);
    expect(jobs.map((j) => j.state)).toEqual(['applied', 'applied']);
  });

  it('waits as long as Retry-After says after a 429, and counts the retry', () => {
    const jobs = [job(1)];
    let calls = 0;
    const { log, retries } = drive(new RunEngine(jobs, 0, () => 0), () =>
      ++calls === 1 ? status(429, '7') : ok('ROLE_MANAGER'),
    );
    expect(log).toEqual(['PATCH 1 @0', 'PATCH 1 @7000']);
    expect(retries).toBe(1);
    expect(jobs[0]?.state).toBe('applied');
  });

  it('fails a refused change at once with the plain reason and its status', () => {
    const jobs = [job(1)];
    drive(new RunEngine(jobs, 0, () => 0), () => status(403));
    expect(jobs[0]).toMatchObject({
      state: 'failed',
      errorStatus: 403,
      reason: 'Google Chat did not allow this with the access used',
    });
  });

  it('fails a change never sent (no credentials) with its reason, and nothing else of the wave', () => {
    const jobs = [job(1), job(2, 'spaces/B')];
    drive(new RunEngine(jobs, 0, () => 0), (r) =>
      r.job.index === 1 ? { status: 0, body: '', retryAfter: undefined, notSent: 'no key' } : ok('ROLE_MANAGER'),
    );
    expect(jobs.map((j) => [j.state, j.reason])).toEqual([
      ['failed', 'no key'],
      ['applied', undefined],
    ]);
  });

  it('refuses a doubtful job (row edited since) whose check finds it not applied, instead of sending it again', () => {
    const doubtfulJob = job(1, 'spaces/A', { state: 'inflight' });
    const { log } = drive(new RunEngine([doubtfulJob], 0, () => 0, new Set([doubtfulJob])), () => ok('ROLE_MEMBER'));
    expect(log.map((l) => l.split(' @')[0])).toEqual(['GET 1']);
    expect(doubtfulJob).toMatchObject({ state: 'refused', reason: SUPERSEDED });
  });

  it('drops carried jobs whose Role cell was edited since, keeps those whose row is gone', () => {
    const row = (n: number, role: string): MemberRow =>
      ({ key: `spaces/A/members/${n}`, role, serverRole: 'ROLE_MEMBER' }) as MemberRow;
    const still = job(1);
    const edited = job(2);
    const editedInflight = job(3, 'spaces/A', { state: 'inflight' });
    const gone = job(4);
    const rows = new Map([
      [still.key, row(1, 'Owner')],
      [edited.key, row(2, 'Member')],
      [editedInflight.key, row(3, 'Member')],
    ]);
    const { dropped, doubtful } = dropSuperseded([still, edited, editedInflight, gone], () => rows);
    expect(dropped).toEqual([edited]);
    expect(edited).toMatchObject({ state: 'refused', reason: SUPERSEDED });
    expect([...doubtful]).toEqual([editedInflight]);
    expect(still.state).toBe('queued');
    expect(gone.state).toBe('queued');
  });
});
