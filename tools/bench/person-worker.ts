/**
 * One person of a concurrent bench scenario, in a worker thread of its own: an add-on execution blocks its thread on
 * every UrlFetchApp call, so people applying "at once" need a thread each. The worker loads the person's spaces,
 * types their changes, says `ready`, and on `go` clicks Apply pending role changes (YES), then fires each due
 * continuation trigger, as Apps Script would, until the run is done. It reports real start and end times
 * (performance.timeOrigin-based), which the main thread turns into emulated seconds.
 */

import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createGasEnvironment, loadBundle, ScaledClock } from '../gas-fakes';

export interface PersonJob {
  url: string;
  scale: number;
  dist: string;
  email: string;
  token: string;
  spaces: string[];
  /** Emails whose Role cell the person sets to Manager in every space. */
  members: string[];
  executionLimitMs: number;
  maxExecutions: number;
}

export type FromPerson =
  | { type: 'ready' }
  | { type: 'done'; startedAt: number; endedAt: number; executions: number; errors: string[] }
  | { type: 'error'; message: string };

const CONTINUE_HANDLER = 'continueBulkApply';
const job = workerData as PersonJob;
const port = parentPort;
const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function main(): Promise<void> {
  if (!port) throw new Error('person-worker runs in a worker thread');
  const env = createGasEnvironment({
    users: [{ email: job.email, token: job.token }],
    activeUser: job.email,
    dist: job.dist,
    chatBaseUrl: job.url,
    clock: new ScaledClock(job.scale),
    executionLimitMs: job.executionLimitMs,
  });
  const bundle = loadBundle(join(job.dist, 'Code.js'), env);
  bundle.simpleTrigger('onOpen');
  for (const space of job.spaces) {
    const loaded = env.sim.as(job.email, () => bundle.run('loadSpace', space)) as { sheetName: string };
    const sheet = env.spreadsheet.getSheetByName(loaded.sheetName);
    const rows = new Map((sheet?.getDataRange().getValues() ?? []).map((row, i) => [String(row[1]), i + 1] as const));
    for (const email of job.members) {
      const row = rows.get(email);
      if (row === undefined) throw new Error(`${email} is not in ${loaded.sheetName}`);
      env.sim.userEdit(job.email, loaded.sheetName, `E${row}`, 'Manager');
    }
  }
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  port.postMessage({ type: 'ready' } satisfies FromPerson);
  await go;

  const startedAt = performance.timeOrigin + performance.now();
  env.sim.ui.answerAlert('YES');
  env.sim.as(job.email, () => bundle.clickMenu('Apply pending role changes'));
  let executions = 1;
  const errors: string[] = [];
  const pending = () =>
    env.sim.triggers().filter((t) => t.handler === CONTINUE_HANDLER && !t.fired && t.dueAt !== null);
  for (let round = 0; round < job.maxExecutions && pending().length > 0; round++) {
    const due = Math.min(...pending().map((t) => t.dueAt ?? Number.POSITIVE_INFINITY));
    for (let guard = 0; guard < 1000 && env.clock.now() < due; guard++) {
      await sleepReal((due - env.clock.now()) / job.scale + 1);
    }
    const runs = env.sim.fireTimeTriggers({ advance: true }).filter((r) => r.handler === CONTINUE_HANDLER);
    executions += runs.length;
    for (const run of runs) if (run.error) errors.push(String((run.error as Error).message ?? run.error));
  }
  const endedAt = performance.timeOrigin + performance.now();
  env.dispose();
  port.postMessage({ type: 'done', startedAt, endedAt, executions, errors } satisfies FromPerson);
}

main().catch((error: unknown) => {
  port?.postMessage({
    type: 'error',
    message: String((error as Error)?.stack ?? error),
  } satisfies FromPerson);
});
