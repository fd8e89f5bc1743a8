import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { smallSeed, TOKENS } from './seeds';

const REPO = resolve(__dirname, '../../..');
const LISTENING = /Chat API emulator listening on http:\/\/127\.0\.0\.1:(\d+)/;

let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
});
afterAll(() => {
  for (const child of children) stop(child);
  rmSync(dir, { recursive: true, force: true });
});

function startCli(args: string[]): ChildProcess {
  // Its own process group, so stopping it also stops what npx and tsx start under it.
  const child = spawn('npx', ['tsx', 'tools/emulator/cli.ts', ...args], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function output(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

function waitFor<T>(what: string, check: () => T | undefined, child: ChildProcess, timeoutMs = 25_000): Promise<T> {
  const allowExit = child.exitCode !== null || child.signalCode !== null || child.killed;
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) return resolvePromise(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      if (child.exitCode !== null && !allowExit) {
        return reject(new Error(`CLI exited (${child.exitCode}) before ${what}`));
      }
      setTimeout(tick, 25);
    };
    tick();
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });
}

test('--port 0 --seed file: prints the real port and serves the seed', async () => {
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(smallSeed()));
  const child = startCli(['--port', '0', '--seed', seedFile]);
  const out = output(child);
  const port = await waitFor('the listening line', () => LISTENING.exec(out.stdout())?.[1], child);
  expect(Number(port)).toBeGreaterThan(0);

  const res = await fetch(`http://127.0.0.1:${port}/v1/spaces/Launch/members/102`, {
    headers: { authorization: `Bearer ${TOKENS.owner}` },
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ name: 'spaces/Launch/members/102', member: { displayName: 'Mia Member' } });

  // SIGTERM to the whole group (npx, tsx, the emulator): every process ends and the port closes.
  const exited = exitOf(child);
  stop(child);
  await exited;
  await waitFor('the process group to end', () => (groupAlive(child.pid as number) ? undefined : true), child, 10_000);
  await expect(fetch(`http://127.0.0.1:${port}/v1/spaces`)).rejects.toThrow();
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a seed file that fails validation exits non-zero with the validation message', async () => {
  const seed = smallSeed();
  seed.users.push({ name: 'users/100' });
  const seedFile = join(dir, 'bad-seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const child = startCli(['--port', '0', '--seed', seedFile]);
  const out = output(child);
  const code = await exitOf(child);
  expect(code).not.toBe(0);
  expect(out.stderr()).toContain('Invalid seed');
  expect(out.stderr()).toContain('users[8].name: duplicate user users/100');
  expect(out.stdout()).not.toMatch(LISTENING);
});

test('a seed file that is not JSON exits non-zero and says so', async () => {
  const seedFile = join(dir, 'not-json.json');
  writeFileSync(seedFile, '{ "users": [');
  const child = startCli(['--port', '0', '--seed', seedFile]);
  const out = output(child);
  expect(await exitOf(child)).not.toBe(0);
  expect(out.stderr()).toContain(`Seed file ${seedFile} is not valid JSON`);
});
