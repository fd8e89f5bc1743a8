import { seededRandom } from '../faults';
import { expectApiError, get, patchRole, QUOTAS_OFF, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);

beforeEach(() => {
  emulator().configure({ faults: { rate: 0, mode: 'before' }, latencyMs: 0, timeScale: 1 });
  emulator().reset(smallSeed());
});
afterAll(() => emulator().configure({ faults: { rate: 0 } }));

/** A fixed sequence of 100 mixed requests; returns the status of each. */
async function run100(): Promise<number[]> {
  const paths = ['/v1/spaces', '/v1/spaces/Launch', '/v1/spaces/Launch/members', '/v1/spaces/Launch/members/100'];
  const statuses: number[] = [];
  for (let i = 0; i < 100; i++) {
    statuses.push((await get(emulator(), paths[i % paths.length] as string, TOKENS.owner)).status);
  }
  return statuses;
}

const FAULTS = { rate: 0.3, statuses: [429, 500, 503], seed: 42, mode: 'before' } as const;

describe('fault injection', () => {
  test('without faults every request succeeds', async () => {
    expect(new Set(await run100())).toEqual(new Set([200]));
  });

  test('the same seed gives the same statuses; another seed gives others; about 30% fail', async () => {
    emulator().configure({ faults: FAULTS });
    const first = await run100();
    emulator().configure({ faults: FAULTS });
    const again = await run100();
    emulator().configure({ faults: { ...FAULTS, seed: 7 } });
    const other = await run100();

    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    for (const statuses of [first, other]) {
      const failures = statuses.filter((s) => s !== 200);
      expect(failures.length).toBeGreaterThanOrEqual(15);
      expect(failures.length).toBeLessThanOrEqual(45);
      expect(new Set(failures).size).toBeGreaterThan(1);
      for (const s of failures) expect([429, 500, 503]).toContain(s);
    }
  });

  test('an injected fault has an AIP-193 body', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [503] } });
    expectApiError(await get(emulator(), '/v1/spaces', TOKENS.owner), 503, 'UNAVAILABLE');
    emulator().configure({ faults: { rate: 1, statuses: [500] } });
    expectApiError(await get(emulator(), '/v1/spaces', TOKENS.owner), 500, 'INTERNAL');
  });

  test('faults happen before authentication', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [500] } });
    expectApiError(await get(emulator(), '/v1/spaces'), 500, 'INTERNAL');
  });

  test('mode before: the PATCH fails and nothing changes', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [503], mode: 'before' } });
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expectApiError(res, 503, 'UNAVAILABLE');
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    expect(emulator().requests().at(-1)).toMatchObject({ status: 503, fault: 'before' });
  });

  test('mode after: the PATCH is applied but the response is the fault', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [500], mode: 'after' } });
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expectApiError(res, 500, 'INTERNAL');
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(emulator().requests().at(-1)).toMatchObject({ status: 500, fault: 'after', principal: 'users/100' });
  });

  test('latencyMs delays every response by at least that long', async () => {
    emulator().configure({ latencyMs: 120 });
    for (const path of ['/v1/spaces', '/v1/nowhere']) {
      const started = performance.now();
      await get(emulator(), path, TOKENS.owner);
      expect(performance.now() - started).toBeGreaterThanOrEqual(120);
    }
  });

  test('seededRandom is deterministic and spread over [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.3).length).toBeGreaterThan(240);
    expect(xs.filter((x) => x < 0.3).length).toBeLessThan(360);
  });
});

describe('faults after the write', () => {
  it('are only ever 5xx: an injected 429 never follows an applied write', async () => {
    const { FaultInjector } = await import('../faults');
    const injector = new FaultInjector({ rate: 1, statuses: [429, 500, 503], seed: 3, mode: 'after' });
    const faults = Array.from({ length: 300 }, () => injector.next());
    expect(faults.filter((f) => f?.status === 429 && f.afterApply)).toEqual([]);
    expect(faults.filter((f) => f?.status === 429).length).toBeGreaterThan(50);
    expect(faults.filter((f) => f && f.status >= 500 && f.afterApply).length).toBeGreaterThan(100);
  });
});

describe('the request log after a fault', () => {
  it('does not mark a request as faulted "after" when it failed on its own and changed nothing', async () => {
    const { startEmulator } = await import('../server');
    const { demoSeed } = await import('../demo-seed');
    const emulator = await startEmulator({
      port: 0,
      seed: demoSeed(),
      config: { faults: { rate: 1, statuses: [500], seed: 1, mode: 'after' } },
    });
    try {
      const patch = () =>
        fetch(`${emulator.url}/v1/spaces/AAAALaunch/members/1003?updateMask=role`, {
          method: 'PATCH',
          headers: { authorization: 'Bearer tok-alice', 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'ROLE_ASSISTANT_MANAGER' }),
        });
      expect((await patch()).status).toBe(500); // applied, answer lost
      expect((await patch()).status).toBe(429); // same space within a second: a real quota refusal
      const log = emulator.requests();
      expect(log.map((e) => [e.status, e.fault])).toEqual([
        [500, 'after'],
        [429, undefined],
      ]);
    } finally {
      await emulator.stop();
    }
  });
});
