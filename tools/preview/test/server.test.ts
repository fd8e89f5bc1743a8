/**
 * The preview server without a browser: `npm start`'s one line, 127.0.0.1 only, the sidebar served byte for byte
 * (plus the shim tag), requests with a foreign Host refused, and nothing of the preview in dist/.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { type Preview, startPreview } from '../server';
import { withShim } from '../sidebar-html';

const REPO = resolve(__dirname, '../../..');
const DIST = join(REPO, 'dist');

describe('preview server', () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await startPreview({ port: 0 });
  });
  afterAll(() => preview.stop());

  it('serves dist/Sidebar.html unchanged but for the shim tag before its first script', async () => {
    const built = readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    const served = await (await fetch(`${preview.url}sidebar?as=bob%40example.com`)).text();
    const tag = '<script src="/preview/gas-shim.js?as=bob%40example.com"></script>';
    expect(served.split(tag)).toHaveLength(2);
    expect(served.replace(tag, '')).toBe(built);
    expect(served.indexOf(tag)).toBe(built.search(/<script\b/i));
  });

  it('refuses requests for another host name (DNS rebinding) and people it does not know', async () => {
    const status = await new Promise<number>((done, fail) => {
      const port = new URL(preview.url).port;
      request(
        { host: '127.0.0.1', port, path: '/preview/config', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      )
        .on('error', fail)
        .end();
    });
    expect(status).toBe(421);
    const sidebar = await fetch(`${preview.url}sidebar?as=mallory@example.com`);
    expect(sidebar.status).toBe(400);
    await sidebar.text();
  });

  it('answers a google.script.run call with the value, or with the error message of the server', async () => {
    const run = async (name: string, args: unknown[]) =>
      (await (
        await fetch(`${preview.url}preview/run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'carol@example.com', name, args }),
        })
      ).json()) as { ok: boolean; value?: unknown; error?: string };
    expect(await run('getSidebarState', [])).toEqual({
      ok: true,
      value: expect.objectContaining({ email: 'carol@example.com' }),
    });
    expect(await run('loadSpace', ['spaces/nope'])).toEqual({ ok: false, error: expect.any(String) });
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });

  it('prints one line, the address on 127.0.0.1, and serves the page there', async () => {
    // Its own process group, so stopping it also stops what npx and tsx start under it.
    child = spawn('npx', ['tsx', 'tools/preview/cli.ts', '--no-build'], {
      cwd: REPO,
      detached: true,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const line = await new Promise<string>((done, fail) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) done(out);
      });
      child?.on('exit', (code) => fail(new Error(`preview exited with ${code}: ${err}`)));
    });
    expect(line).toMatch(/^Preview: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const url = line.slice('Preview: '.length).trim();
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('local preview');

    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const port = new URL(url).port;
      await expect(fetch(`http://${outside.address}:${port}/`)).rejects.toThrow();
    }

    const exited = new Promise<number | null>((done) => child?.on('exit', done));
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await exited;
    expect(out).toBe(line);
  });
});

it('ships nothing of the preview: the shim is added when serving, never written to dist/', () => {
  for (const file of readdirSync(DIST)) expect(readFileSync(join(DIST, file), 'utf8')).not.toContain('gas-shim');
  expect(withShim('<p>no script</p></body>', 'a@b.c')).toBe(
    '<p>no script</p><script src="/preview/gas-shim.js?as=a%40b.c"></script></body>',
  );
});
