/**
 * Scenario 8: three people apply 300 changes each at the same moment, in spaces of their own, all against one Cloud
 * project, whose 300 membership writes a minute they share. Each person runs in a worker thread of their own
 * (person-worker.ts); the emulator counts every write against the one project. The floor is the project's: 900
 * changes at 5 a second.
 */

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundleWorker } from '../build/worker-bundle';
import { USER_SCOPES } from '../emulator/demo-seed';
import type { Seed, SeedMembership, SeedUser } from '../emulator/seed';
import type { FromPerson, PersonJob } from './person-worker';
import { type Bench, DIST, EXECUTION_LIMIT_MS, type Intent, measureServer, type ScenarioResult } from './scenarios';

const PEOPLE = [
  { email: 'alice@example.com', token: 'tok-alice', user: 'users/1001', name: 'Alice Ng' },
  { email: 'bob@example.com', token: 'tok-bob', user: 'users/1002', name: 'Bob Ortiz' },
  { email: 'carol@example.com', token: 'tok-carol', user: 'users/1003', name: 'Carol Diaz' },
];
const FIRST_MEMBER_ID = 200_000;
const PROJECT_WRITES_PER_SECOND = 300 / 60;
const MAX_EXECUTIONS = 30;

export interface SharedProjectSpec {
  name: string;
  spacesPerPerson: number;
  perSpace: number;
  log?: (line: string) => void;
}

const spaceOf = (person: number, s: number) => `spaces/SHARED${person + 1}x${String(s + 1).padStart(2, '0')}`;
const memberId = (i: number) => String(FIRST_MEMBER_ID + i);
const memberEmail = (i: number) => `shared${i + 1}@example.com`;

function sharedSeed(spacesPerPerson: number, perSpace: number): Seed {
  const users: SeedUser[] = PEOPLE.map((p) => ({ name: p.user, displayName: p.name, email: p.email, type: 'HUMAN' }));
  for (let i = 0; i < perSpace; i++) {
    users.push({ name: `users/${memberId(i)}`, displayName: `Shared ${i + 1}`, email: memberEmail(i), type: 'HUMAN' });
  }
  const members: SeedMembership[] = Array.from({ length: perSpace }, (_, i) => ({
    member: `users/${memberId(i)}`,
    role: 'ROLE_MEMBER',
    state: 'JOINED',
  }));
  return {
    // One project for everyone (no `project`: the default one).
    principals: PEOPLE.map((p) => ({ token: p.token, user: p.user, scopes: [...USER_SCOPES], admin: false })),
    users,
    spaces: PEOPLE.flatMap((p, person) =>
      Array.from({ length: spacesPerPerson }, (_, s) => ({
        name: spaceOf(person, s),
        displayName: `${p.name.split(' ')[0]}'s space ${s + 1}`,
        spaceType: 'SPACE' as const,
        createTime: '2025-01-01T09:00:00Z',
        memberships: [
          { member: p.user, role: 'ROLE_MANAGER', state: 'JOINED' } as const,
          ...members.map((m) => ({ ...m })),
        ],
      })),
    ),
  };
}

let workerFile: string | undefined;
function personWorker(): string {
  workerFile ??= bundleWorker({
    entry: { file: join(__dirname, 'person-worker.ts') },
    name: 'bench-person-worker.cjs',
    companions: [join(__dirname, '..', 'gas-fakes', 'sync-http-worker.js')],
  });
  return workerFile;
}

/** Every change the three people type: each of their spaces, every member. */
function sharedIntents(spec: SharedProjectSpec, members: readonly string[]): Intent[] {
  return PEOPLE.flatMap((_, person) =>
    Array.from({ length: spec.spacesPerPerson }, (_, s) =>
      members.map((email, i) => ({
        space: spaceOf(person, s),
        key: `${spaceOf(person, s)}/members/${memberId(i)}`,
        email,
      })),
    ).flat(),
  );
}

/** One worker thread per person, each with its own Apps Script fakes over the one emulator (one Cloud project). */
function startPeople(bench: Bench, spec: SharedProjectSpec, members: string[]): Worker[] {
  const file = personWorker();
  return PEOPLE.map((p, person) => {
    const job: PersonJob = {
      url: bench.url,
      scale: bench.scale,
      dist: DIST,
      email: p.email,
      token: p.token,
      spaces: Array.from({ length: spec.spacesPerPerson }, (_, s) => spaceOf(person, s)),
      members,
      executionLimitMs: EXECUTION_LIMIT_MS,
      maxExecutions: MAX_EXECUTIONS,
    };
    return new Worker(file, { workerData: job });
  });
}

const nextMessage = (worker: Worker) =>
  new Promise<FromPerson>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });

/** Waits until every person is ready, clears the request log, then says go to all at once; their final reports. */
async function applyAtOnce(bench: Bench, workers: readonly Worker[]): Promise<Extract<FromPerson, { type: 'done' }>[]> {
  const ready = await Promise.all(workers.map(nextMessage));
  const failed = ready.find((m) => m.type === 'error');
  if (failed && failed.type === 'error') throw new Error(failed.message);
  await bench.clearRequests();
  const finished = workers.map(nextMessage);
  for (const worker of workers) worker.postMessage('go');
  const results = await Promise.all(finished);
  return results.flatMap((m) => {
    if (m.type === 'error') throw new Error(m.message);
    return m.type === 'done' ? [m] : [];
  });
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runSharedProjectScenario(bench: Bench, spec: SharedProjectSpec): Promise<ScenarioResult> {
  const log = spec.log ?? (() => undefined);
  await bench.reset(sharedSeed(spec.spacesPerPerson, spec.perSpace));
  const members = Array.from({ length: spec.perSpace }, (_, i) => memberEmail(i));
  const intents = sharedIntents(spec, members);
  const workers = startPeople(bench, spec, members);
  try {
    log(`  ${spec.name}: ${intents.length} changes typed by ${PEOPLE.length} people; applying at once…`);
    const done = await applyAtOnce(bench, workers);
    const realMs = Math.max(...done.map((d) => d.endedAt)) - Math.min(...done.map((d) => d.startedAt));
    const seconds = (realMs * bench.scale) / 1000;
    const server = await measureServer(bench, intents);
    const floor = intents.length / PROJECT_WRITES_PER_SECOND;
    log(`  ${spec.name}: ${seconds.toFixed(1)} s, ${server.requests} requests, ${server.http429} × 429`);
    const errors = done.flatMap((d) => d.errors);
    return {
      name: spec.name,
      changes: intents.length,
      spaces: PEOPLE.length * spec.spacesPerPerson,
      seconds: round(seconds, 1),
      quotaFloorSeconds: round(floor, 1),
      efficiency: round(floor / seconds, 3),
      requests: server.requests,
      http429: server.http429,
      sheetCalls: 0,
      lost: server.lost,
      duplicates: server.duplicates,
      baselineSeconds: null,
      speedupVsBaseline: null,
      baselineCompleted: null,
      executions: done.reduce((n, d) => n + d.executions, 0),
      chatWaitSeconds: 0,
      chatLatencyP50Ms: 0,
      chatLatencyP95Ms: 0,
      hardStops: 0,
      orphanedRun: false,
      reportedApplied: null,
      baseline: null,
      extra: {
        people: PEOPLE.length,
        http429Share: round(server.http429 / Math.max(1, server.requests), 3),
        continuationErrors: errors.length > 0 ? errors.join(' | ') : null,
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
