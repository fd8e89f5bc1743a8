/**
 * The contract suite against the emulator (every check that runs must hold: the emulator is what the suite's
 * expectations were written from) and against a deliberately wrong server (it must differ, and say so with exit 1).
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ADMIN_SCOPES, demoSeed, USER_SCOPES } from '../../emulator/demo-seed';
import { type Emulator, startEmulator } from '../../emulator/server';
import type { CheckMode } from '../check';
import { ALL_CHECKS } from '../checks';
import { FACT_REQUESTS } from '../facts';
import { runCli } from '../main';

const ROOT = join(__dirname, '../../..');
/** A token that looks like Google's, so a leak would be found by searching the output for it. */
const SECRET = 'ya29.contract-test-secret-token';
const ADMIN_SECRET = 'ya29.contract-test-admin-secret';
const SPACE = 'spaces/AAAALaunch';
const CAROL = 'spaces/AAAALaunch/members/1003';
/** Checks that never send anything: Google's answer would cost too much to find out. */
const NEVER_SENT = ['auth.token-in-query', 'quota.over-quota-answer', 'patch.last-owner', 'patch.group-membership'];

interface Report {
  checks: { id: string; assumption: string; result: string; detail: string }[];
}

let emulator: Emulator;
let wrong: Server;
let wrongUrl: string;
let wrongRequests = 0;

beforeAll(async () => {
  const seed = demoSeed();
  seed.principals.push(
    { token: SECRET, user: 'users/1001', scopes: USER_SCOPES, admin: false },
    { token: ADMIN_SECRET, user: 'users/1900', scopes: ADMIN_SCOPES, admin: true },
  );
  // The suite reads the space as the person first, so the administrator is a member of it (and of a second space,
  // so that spaces.list has a second page).
  for (const space of seed.spaces.slice(0, 2))
    space.memberships.push({ member: 'users/1900', role: 'ROLE_MEMBER', state: 'JOINED' });
  // Time runs 1,000 times faster for the quotas: the 1-write-per-second space bucket refills between PATCHes.
  emulator = await startEmulator({ port: 0, seed, config: { timeScale: 1000 } });
  // Answers 200 to everything, echoing the credentials it got: a leak of the token into a detail would show.
  wrong = createServer((req, res) => {
    wrongRequests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: SPACE, echo: req.headers.authorization ?? null }));
    });
  });
  await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
  wrongUrl = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emulator.stop();
  await new Promise<void>((resolve) => wrong.close(() => resolve()));
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--pace-ms', '0'], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

async function jsonRun(args: string[]): Promise<{ code: number; report: Report; output: string }> {
  const { code, stdout, stderr } = await cli([...args, '--json']);
  return { code, report: JSON.parse(stdout) as Report, output: stdout + stderr };
}

const modeOf = (id: string): CheckMode | undefined => ALL_CHECKS.find((c) => c.id === id)?.mode;
const resultsOf = (report: Report, modes: CheckMode[]) =>
  report.checks.filter((c) => modes.includes(modeOf(c.id) as CheckMode) && !NEVER_SENT.includes(c.id));

describe('against the emulator', () => {
  test('read-only: every check that runs holds, and write and admin checks say what they need', async () => {
    emulator.clearRequests();
    const { code, report, output } = await jsonRun(['--base', emulator.url, '--token', SECRET, '--space', SPACE]);
    expect(report.checks.filter((c) => c.result === 'differs')).toEqual([]);
    expect(code).toBe(0);
    for (const c of resultsOf(report, ['read', 'member'])) expect(`${c.id}: ${c.result}`).toBe(`${c.id}: holds`);
    for (const c of resultsOf(report, ['write'])) expect(c.detail).toBe('needs --write and --member');
    for (const c of resultsOf(report, ['admin'])) expect(c.detail).toBe('needs --admin');
    expect(output).not.toContain(SECRET);
    // Nothing was written: every PATCH sent was refused.
    const patches = emulator.requests().filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.filter((r) => r.status === 200)).toEqual([]);
    // Bounded: the preflight plus each check's declared requests, at most.
    const budget = FACT_REQUESTS + ALL_CHECKS.reduce((n, c) => n + c.maxRequests, 0);
    expect(emulator.requests().length).toBeLessThanOrEqual(budget);
  });

  test('--write: the role really changes, every write check holds, and Carol is a Member again at the end', async () => {
    emulator.clearRequests();
    const { code, report } = await jsonRun([
      ...['--base', emulator.url, '--token', SECRET, '--space', SPACE, '--member', CAROL, '--write'],
    ]);
    expect(report.checks.filter((c) => c.result === 'differs')).toEqual([]);
    expect(code).toBe(0);
    for (const c of resultsOf(report, ['read', 'member', 'write']))
      expect(`${c.id}: ${c.result}`).toBe(`${c.id}: holds`);
    const promoted = emulator
      .requests()
      .filter((r) => r.method === 'PATCH' && r.path.endsWith('/members/1003') && r.status === 200)
      .map((r) => JSON.stringify(r.body));
    expect(promoted.some((b) => b.includes('ROLE_ASSISTANT_MANAGER'))).toBe(true);
    const carol = emulator
      .state()
      .toSeed()
      .spaces.find((s) => s.name === SPACE)
      ?.memberships.find((m) => m.member === 'users/1003');
    expect(carol?.role).toBe('ROLE_MEMBER');
  });

  test('--admin: the useAdminAccess checks hold; the refusal a non-administrator gets is skipped', async () => {
    const { code, report } = await jsonRun([
      '--base',
      emulator.url,
      '--token',
      ADMIN_SECRET,
      '--space',
      SPACE,
      '--admin',
    ]);
    expect(report.checks.filter((c) => c.result === 'differs')).toEqual([]);
    expect(code).toBe(0);
    const admin = resultsOf(report, ['admin', 'read']);
    expect(admin.filter((c) => modeOf(c.id) === 'admin').length).toBeGreaterThanOrEqual(10);
    for (const c of admin) expect(`${c.id}: ${c.result}`).toBe(`${c.id}: holds`);
    expect(report.checks.find((c) => c.id === 'order.admin-access-refused')?.result).toBe('skipped');
  });

  test('--json gives {"checks":[{id, assumption, result, detail}]} with unique, stable ids', async () => {
    const { report } = await jsonRun(['--base', emulator.url, '--token', SECRET, '--space', SPACE]);
    expect(Object.keys(report)).toEqual(['checks']);
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.id));
    expect(new Set(report.checks.map((c) => c.id)).size).toBe(report.checks.length);
    for (const c of report.checks) {
      expect(Object.keys(c)).toEqual(['id', 'assumption', 'result', 'detail']);
      expect(c.id).toMatch(/^[a-z]+(\.[a-z]+(-[a-z]+)*)+$/);
      expect(['holds', 'differs', 'skipped']).toContain(c.result);
      expect(c.assumption).toMatch(/^(ASSUMPTIONS|emulator)\.md § .+: ".+"$/);
    }
  });

  test('text output: one verdict line per check, its assumption under it, and a count', async () => {
    const { code, stdout, stderr } = await cli(['--base', emulator.url, '--token', SECRET, '--space', SPACE]);
    expect(code).toBe(0);
    expect(stdout).toContain('pagination.page-size-negative: holds\n    ASSUMPTIONS.md § Pagination: ');
    expect(stdout).toContain('patch.role-change: skipped: needs --write and --member\n');
    expect(stdout).toMatch(/\n\d+ checks: \d+ hold, 0 differ, \d+ skipped\.\n$/);
    expect(stdout + stderr).not.toContain(SECRET);
  });

  test('a space the token cannot read stops the run with exit 2 and says why', async () => {
    const { code, stdout, stderr } = await cli([
      '--base',
      emulator.url,
      '--token',
      SECRET,
      '--space',
      'spaces/AAAANope',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('cannot read spaces/AAAANope: HTTP 404');
    expect(stderr).not.toContain(SECRET);
  });
});

describe('against a wrong server (200 to everything)', () => {
  test('checks differ, with what the server answered, and the exit code is 1', async () => {
    wrongRequests = 0;
    const { code, stdout, stderr } = await cli(['--base', wrongUrl, '--token', SECRET, '--space', SPACE]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^auth\.missing-token: differs: expected HTTP 401 UNAUTHENTICATED, got HTTP 200 /m);
    expect(stdout).toMatch(/^pagination\.page-size-negative: differs: /m);
    expect(stdout).toMatch(/^order\.unknown-url: differs: expected HTTP 404, got HTTP 200/m);
    // The server echoed the Authorization header into its answers: the details show it scrubbed.
    expect(stdout).toContain('Bearer [token]');
    expect(stdout + stderr).not.toContain(SECRET);
    expect(wrongRequests).toBeLessThanOrEqual(FACT_REQUESTS + ALL_CHECKS.reduce((n, c) => n + c.maxRequests, 0));
  });

  test('--json: the same differences as JSON, token scrubbed', async () => {
    const { code, report, output } = await jsonRun(['--base', wrongUrl, '--token', SECRET, '--space', SPACE]);
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.result === 'differs').length).toBeGreaterThan(20);
    expect(output).not.toContain(SECRET);
  });
});

describe('a restore that fails', () => {
  test('is reported on stderr with the role to set by hand, and the run exits 1', async () => {
    // A server that applies a promotion to Manager and refuses every other role change (as an outage would).
    const member = 'spaces/S/members/7';
    let role = 'ROLE_MEMBER';
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const path = (req.url ?? '').split('?')[0];
        const membership = { name: member, state: 'JOINED', role, member: { name: 'users/7', type: 'HUMAN' } };
        const send = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.method === 'PATCH' && path === `/v1/${member}`) {
          if (!body.includes('ROLE_ASSISTANT_MANAGER'))
            return send(500, { error: { code: 500, message: 'x', status: 'INTERNAL' } });
          role = 'ROLE_ASSISTANT_MANAGER';
          return send(200, { ...membership, role });
        }
        if (path === `/v1/${member}`) return send(200, membership);
        if (path === '/v1/spaces/S/members') return send(200, { memberships: [membership] });
        return send(200, { name: 'spaces/S', spaceType: 'SPACE' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { code, stdout, stderr } = await cli([
        ...['--base', base, '--token', SECRET, '--space', 'spaces/S', '--member', member, '--write'],
      ]);
      expect(code).toBe(1);
      expect(stdout).toContain(
        `patch.role-change: differs: RESTORE FAILED: ${member} is "ROLE_ASSISTANT_MANAGER": set it back to ROLE_MEMBER by hand`,
      );
      expect(stderr).toContain(`contract: patch.role-change: RESTORE FAILED: ${member}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('usage errors (exit 2, a clear message, never the token)', () => {
  test.each([
    [['--token', SECRET, '--space', SPACE], '--base is required'],
    [['--base', 'chat.googleapis.com', '--token', SECRET, '--space', SPACE], '--base must be a URL'],
    [['--base', 'https://chat.googleapis.com', '--space', SPACE], '--token is required'],
    [['--base', 'https://chat.googleapis.com', '--token', SECRET, '--space', 'AAAA'], '--space must be a space name'],
    [
      ['--base', 'https://chat.googleapis.com', '--token', SECRET, '--space', SPACE, '--write'],
      '--write needs --member',
    ],
    [
      ['--base', 'https://chat.googleapis.com', '--token', SECRET, '--space', SPACE, '--member', 'spaces/B/members/1'],
      '--member must be a membership of the --space space',
    ],
    [['--base', 'https://chat.googleapis.com', SECRET, '--space', SPACE], 'unexpected argument'],
    [
      ['--base', 'https://chat.googleapis.com', '--token', SECRET, '--space', SPACE, '--frobnicate'],
      'unknown option --frobnicate',
    ],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`contract: ${message}`);
    expect(stderr).toContain('Usage: npm run contract');
    expect(stderr).not.toContain(SECRET);
  });
});

describe('every check names the assumption it verifies', () => {
  const normalise = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ');
  const sectionOf = (file: string, heading: string) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const start = text.indexOf(`\n## ${heading}\n`);
    if (start < 0) return undefined;
    const end = text.indexOf('\n## ', start + 1);
    return normalise(text.slice(start, end < 0 ? undefined : end));
  };

  test.each(ALL_CHECKS.map((c) => [c.id, c]))('%s', (_id, check) => {
    const { file, section, quote } = check.assumption;
    const text = sectionOf(file, section);
    expect(text).toBeDefined();
    expect(text).toContain(normalise(quote));
  });
});
