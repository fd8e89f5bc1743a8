import { DOCUMENTED_QUOTAS } from '../quotas';
import { expectApiError, get, patchRole, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

// Quotas at their documented defaults: this suite is about them.
const emulator = useEmulator(smallSeed);

beforeEach(() => {
  emulator().configure({ timeScale: 1, quotas: DOCUMENTED_QUOTAS, faults: { rate: 0 }, latencyMs: 0 });
  emulator().reset(smallSeed());
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the documented numbers are the defaults', () => {
  expect(emulator().config.quotas).toEqual({
    enabled: true,
    perSpaceReadsPerSecond: 15,
    perSpaceWritesPerSecond: 1,
    projectMembershipReadsPerMinute: 3000,
    projectMembershipWritesPerMinute: 300,
    projectSpaceReadsPerMinute: 3000,
    peopleReadsPerMinute: 600,
    directoryReadsPerMinute: 2400,
  });
});

test('a second PATCH to the same space right away is 429 RESOURCE_EXHAUSTED and changes nothing', async () => {
  const first = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expect(first.status).toBe(200);
  const second = await patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  const error = expectApiError(second, 429, 'RESOURCE_EXHAUSTED', /per space/);
  expect(error.details?.[0]).toMatchObject({
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'RATE_LIMIT_EXCEEDED',
  });
  expect(second.headers.get('retry-after')).toBeNull();
  expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MEMBER');
});

test('responses.bareQuotaErrors: the same 429 names no quota (no ErrorInfo, a generic message), and still changes nothing', async () => {
  emulator().configure({ responses: { bareQuotaErrors: true } });
  try {
    await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    const second = await patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    const error = expectApiError(second, 429, 'RESOURCE_EXHAUSTED', /exhausted/);
    expect(error.details).toBeUndefined();
    expect(error.message).not.toMatch(/per (space|project)/);
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MEMBER');
  } finally {
    emulator().configure({ responses: { bareQuotaErrors: false } });
  }
});

test('PATCHes to two different spaces at the same time both succeed', async () => {
  const [a, b] = await Promise.all([
    patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner),
    patchRole(emulator(), 'spaces/Design/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
});

test('after a second of (scaled) time the space accepts a write again', async () => {
  emulator().configure({ timeScale: 50 }); // one emulated second = 20 real ms
  const burst = await Promise.all([
    patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner),
    patchRole(emulator(), 'spaces/Launch/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner),
  ]);
  expect(burst.map((r) => r.status).sort()).toEqual([200, 429]);
  await sleep(60);
  const again = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_MEMBER', TOKENS.owner);
  expect(again.status).toBe(200);
  expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
});

test('with quotas switched off there is no 429', async () => {
  emulator().configure({ quotas: { enabled: false } });
  const statuses: number[] = [];
  for (const role of [
    'ROLE_ASSISTANT_MANAGER',
    'ROLE_MEMBER',
    'ROLE_ASSISTANT_MANAGER',
    'ROLE_MEMBER',
    'ROLE_MANAGER',
  ]) {
    statuses.push((await patchRole(emulator(), 'spaces/Launch/members/102', role, TOKENS.owner)).status);
  }
  const reads = await Promise.all(
    Array.from({ length: 40 }, () => get(emulator(), '/v1/spaces/Launch/members', TOKENS.owner)),
  );
  expect(statuses).toEqual([200, 200, 200, 200, 200]);
  expect(reads.every((r) => r.status === 200)).toBe(true);
});

test('the per-project membership write limit applies across spaces, per project', async () => {
  emulator().configure({ quotas: { projectMembershipWritesPerMinute: 2 } });
  const a = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expect(a.status).toBe(200);
  const b = await patchRole(emulator(), 'spaces/Design/members/105', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expectApiError(b, 429, 'RESOURCE_EXHAUSTED', /per project/);
  // Another Cloud project has its own budget.
  const c = await patchRole(emulator(), 'spaces/Support/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.other);
  expect(c.status).toBe(200);
});

test('per-space reads are limited to 15 a second', async () => {
  const reads = await Promise.all(
    Array.from({ length: 25 }, () => get(emulator(), '/v1/spaces/Launch/members', TOKENS.owner)),
  );
  const ok = reads.filter((r) => r.status === 200).length;
  const limited = reads.filter((r) => r.status === 429);
  expect(ok).toBeGreaterThanOrEqual(15);
  expect(limited.length).toBeGreaterThanOrEqual(1);
  expectApiError(limited[0] as (typeof reads)[number], 429, 'RESOURCE_EXHAUSTED');
  // Reads of another space are unaffected.
  expect((await get(emulator(), '/v1/spaces/Design/members', TOKENS.owner)).status).toBe(200);
});

test('the per-project read limit covers spaces.list too', async () => {
  emulator().configure({ quotas: { projectSpaceReadsPerMinute: 1 } });
  expect((await get(emulator(), '/v1/spaces', TOKENS.owner)).status).toBe(200);
  expectApiError(await get(emulator(), '/v1/spaces', TOKENS.owner), 429, 'RESOURCE_EXHAUSTED');
});

describe('quotas are shared by everyone calling through the same Cloud project', () => {
  /** Olivia (Owner), Mark (Owner of Finance, Manager of Launch) and Ada (admin access) each change one role at once. */
  const threePeopleAtOnce = (memberships: [string, string, string]) =>
    Promise.all([
      patchRole(emulator(), memberships[0], 'ROLE_ASSISTANT_MANAGER', TOKENS.owner),
      patchRole(emulator(), memberships[1], 'ROLE_ASSISTANT_MANAGER', TOKENS.manager),
      patchRole(emulator(), memberships[2], 'ROLE_ASSISTANT_MANAGER', TOKENS.admin, '&useAdminAccess=true'),
    ]);

  test('three people writing to one space at once share its one write a second', async () => {
    const results = await threePeopleAtOnce([
      'spaces/Launch/members/102',
      'spaces/Launch/members/105',
      'spaces/Launch/members/104',
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 429, 429]);
    for (const r of results.filter((r) => r.status === 429)) expectApiError(r, 429, 'RESOURCE_EXHAUSTED', /per space/);
  });

  test('three people writing to three spaces at once share the project membership writes', async () => {
    // Two writes a second for the project (a bucket of two), and no per-space limit in the way.
    emulator().configure({ quotas: { projectMembershipWritesPerMinute: 120, perSpaceWritesPerSecond: 100 } });
    const results = await threePeopleAtOnce([
      'spaces/Design/members/105',
      'spaces/Finance/members/105',
      'spaces/Launch/members/102',
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const refused = results.find((r) => r.status === 429);
    if (!refused) throw new Error('expected one 429');
    const error = expectApiError(refused, 429, 'RESOURCE_EXHAUSTED', /per minute per project/);
    expect(error.details?.[0]).toMatchObject({ metadata: { consumer: 'projects/default' } });
    // Another Cloud project has its own quota: the same person through it is not refused.
    const elsewhere = await patchRole(emulator(), 'spaces/Support/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.other);
    expect(elsewhere.status).toBe(200);
  });
});
