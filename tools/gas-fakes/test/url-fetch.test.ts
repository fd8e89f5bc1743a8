import { demoSeed } from '../../emulator/demo-seed';
import { type EmulatorThread, startEmulatorThread } from '../../emulator/thread';
import { type GasEnvironment, GasError } from '../index';
import { control, makeEnv, tempDist } from './helpers';

const CHAT = 'https://chat.googleapis.com/v1';
const dist = tempDist();
let emulator: EmulatorThread;
let emu: ReturnType<typeof control>;
let env: GasEnvironment;

beforeAll(async () => {
  emulator = await startEmulatorThread({ seed: demoSeed() });
  emu = control(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
  dist.cleanup();
});
beforeEach(async () => {
  await emu.reset(demoSeed());
  await emu.config({ latencyMs: 0 });
  env = makeEnv(dist.dir, { chatBaseUrl: emulator.url });
});
afterEach(() => env.dispose());

const auth = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('UrlFetchApp against the threaded emulator', () => {
  it('lists members with the demo seed token', async () => {
    const token = env.sim.as('alice@example.com', () => env.globals.ScriptApp.getOAuthToken());
    expect(token).toBe('tok-alice');
    const res = env.globals.UrlFetchApp.fetch(`${CHAT}/spaces/AAAALaunch/members`, auth(token));
    expect(res.getResponseCode()).toBe(200);
    const body = JSON.parse(res.getContentText()) as { memberships: Array<{ member?: { email?: string } }> };
    expect(body.memberships.map((m) => m.member?.email)).toContain('bob@example.com');
    expect(res.getBlob().getDataAsString()).toBe(res.getContentText());
    // Header names as Apps Script shows them.
    expect((res.getAllHeaders() as Record<string, string>)['Content-Type']).toMatch(/application\/json/);
    const [logged] = await emu.requests();
    expect(logged).toMatchObject({ method: 'GET', path: '/v1/spaces/AAAALaunch/members', principal: 'users/1001' });
    expect(env.sim.http[0]).toMatchObject({ method: 'GET', url: `${CHAT}/spaces/AAAALaunch/members`, status: 200 });
  });

  it('warms its HTTP thread with a request neither the add-on nor the Chat log sees (the bench starts it untimed)', async () => {
    env.warmHttp(`${emulator.url}/_emulator/config`);
    expect(env.sim.http).toEqual([]);
    expect(await emu.requests()).toEqual([]);
    const res = env.globals.UrlFetchApp.fetch(`${CHAT}/spaces/AAAALaunch`, auth('tok-alice'));
    expect(res.getResponseCode()).toBe(200);
    expect(env.sim.http).toHaveLength(1);
  });

  it('sends method, content type and payload', async () => {
    const res = env.globals.UrlFetchApp.fetch(`${CHAT}/spaces/AAAALaunch/members/1003?updateMask=role`, {
      method: 'patch',
      contentType: 'application/json',
      payload: JSON.stringify({ role: 'ROLE_ASSISTANT_MANAGER' }),
      ...auth('tok-alice'),
    });
    expect(JSON.parse(res.getContentText())).toMatchObject({ role: 'ROLE_ASSISTANT_MANAGER' });
    const [logged] = await emu.requests();
    expect(logged).toMatchObject({ method: 'PATCH', body: { role: 'ROLE_ASSISTANT_MANAGER' } });
  });

  it('throws on HTTP errors unless muteHttpExceptions', () => {
    const url = `${CHAT}/spaces/AAAALaunch/members`;
    expect(() => env.globals.UrlFetchApp.fetch(url, auth('tok-nobody'))).toThrow(
      /^Request failed for https:\/\/chat\.googleapis\.com returned code 401\. Truncated server response: /,
    );
    expect(() => env.globals.UrlFetchApp.fetch(url, auth('tok-nobody'))).toThrow(GasError);
    const muted = env.globals.UrlFetchApp.fetch(url, { ...auth('tok-nobody'), muteHttpExceptions: true });
    expect(muted.getResponseCode()).toBe(401);
    expect(JSON.parse(muted.getContentText())).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
  });

  it('fetchAll returns responses in order and runs them in parallel', async () => {
    await emu.config({ latencyMs: 200 });
    const spaces = ['AAAALaunch', 'AAAADesign', 'AAAASupport', 'AAAAXss', 'AAAAGroupChat'];
    const started = performance.now();
    const responses = env.globals.UrlFetchApp.fetchAll(
      spaces.map((s) => ({ url: `${CHAT}/spaces/${s}`, ...auth('tok-alice') })),
    );
    const elapsed = performance.now() - started;
    expect(responses.map((r) => (JSON.parse(r.getContentText()) as { name: string }).name)).toEqual(
      spaces.map((s) => `spaces/${s}`),
    );
    // Sequential would take >= 1000 ms.
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(700);
    expect(env.calls['UrlFetchApp.fetchAll']).toBe(1);
    expect(new Set(env.sim.http.map((h) => h.batch)).size).toBe(1);
  });
});

describe('UrlFetchApp limits: timeouts, hosts and the manifest allowlist', () => {
  it('gives up on a request slower than the timeout', async () => {
    await emu.config({ latencyMs: 1000 });
    const slow = makeEnv(dist.dir, { chatBaseUrl: emulator.url, fetchTimeoutMs: 200 });
    try {
      expect(() => slow.globals.UrlFetchApp.fetch(`${CHAT}/spaces/AAAALaunch`, auth('tok-alice'))).toThrow(
        `Timeout: ${CHAT}/spaces/AAAALaunch`,
      );
    } finally {
      slow.dispose();
    }
  });

  it('never reaches a host that is not rewritten to a local server', () => {
    expect(() => env.globals.UrlFetchApp.fetch('https://example.com/')).toThrow(/no network/);
    expect(() => env.globals.UrlFetchApp.fetch('https://oauth2.googleapis.com/token')).toThrow(/no network/);
    expect(env.sim.http).toEqual([]);
  });

  it('enforces the manifest allowlist and the auth mode', () => {
    const strict = makeEnv(dist.dir, {
      chatBaseUrl: emulator.url,
      urlRewrites: { 'https://people.googleapis.com': emulator.url },
      manifest: { urlFetchWhitelist: ['https://chat.googleapis.com/'] },
    });
    expect(() => strict.globals.UrlFetchApp.fetch('https://people.googleapis.com/v1/people/me')).toThrow(
      /urlFetchWhitelist/,
    );
    expect(() =>
      strict.sim.as('alice@example.com', () => strict.globals.UrlFetchApp.fetch(`${CHAT}/spaces`), {
        authMode: 'LIMITED',
      }),
    ).toThrow('You do not have permission to call UrlFetchApp.fetch');
    strict.dispose();
  });
});
