/**
 * The control API refuses what a web page the developer visits could send: a cross-site `text/plain` POST (no CORS
 * preflight), a DNS-rebinding request under a foreign Host, a request carrying another site's Origin.
 */

import { request } from 'node:http';
import { emulatorControl } from '../control-client';
import { patchRole, QUOTAS_OFF, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

const emulator = useEmulator(smallSeed, QUOTAS_OFF);

beforeEach(() => emulator().reset(smallSeed()));

/** Raw HTTP, so the test sets Host and Origin as a browser or a rebinding page would. */
function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator().port, method, path, agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hostHeader = () => `127.0.0.1:${emulator().port}`;

async function changeRole(): Promise<void> {
  await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
}

describe('control API guard', () => {
  test('a cross-site text/plain POST to reset is refused (403, or 415 without Origin) and the state is unchanged', async () => {
    await changeRole();
    const status = await raw(
      'POST',
      '/_emulator/reset',
      { host: hostHeader(), origin: 'https://evil.example', 'content-type': 'text/plain' },
      JSON.stringify(smallSeed()),
    );
    expect(status).toBe(403);
    const sameSite = await raw(
      'POST',
      '/_emulator/reset',
      { host: hostHeader(), 'content-type': 'text/plain' },
      JSON.stringify(smallSeed()),
    );
    expect(sameSite).toBe(415);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(emulator().requests()).toHaveLength(1);
  });

  test('a config POST without JSON content type is 415 and the config is unchanged', async () => {
    const status = await raw('POST', '/_emulator/config', { host: hostHeader() }, '{"latencyMs": 50}');
    expect(status).toBe(415);
    expect(emulator().config.latencyMs).toBe(0);
  });

  test.each(['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', 'localhost.evil.example:80'])(
    'Host %s is refused (403) for reads and writes',
    async (host) => {
      await changeRole();
      expect(await raw('GET', '/_emulator/state', { host })).toBe(403);
      expect(await raw('GET', '/_emulator/requests', { host })).toBe(403);
      const reset = { host, 'content-type': 'application/json' };
      expect(await raw('POST', '/_emulator/reset', reset, JSON.stringify(smallSeed()))).toBe(403);
      expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    },
  );

  test.each(['https://evil.example', 'http://127.0.0.1.evil.example:8080', 'null'])(
    'Origin %s is refused (403), even with JSON',
    async (origin) => {
      await changeRole();
      const headers = { host: hostHeader(), origin, 'content-type': 'application/json' };
      expect(await raw('POST', '/_emulator/reset', headers, JSON.stringify(smallSeed()))).toBe(403);
      expect(await raw('GET', '/_emulator/state', { host: hostHeader(), origin })).toBe(403);
      expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    },
  );
});

describe('control API guard lets local callers in', () => {
  test.each([
    ['127.0.0.1', undefined],
    ['localhost:9', 'http://localhost:8080'],
    ['[::1]:1234', 'http://[::1]:1234'],
  ])('loopback Host %s with Origin %s is served', async (host, origin) => {
    const headers: Record<string, string> = { host };
    if (origin) headers.origin = origin;
    expect(await raw('GET', '/_emulator/state', headers)).toBe(200);
  });

  test('the Chat API itself is not affected by the guard', async () => {
    const status = await raw('GET', '/v1/spaces', {
      host: 'chat.googleapis.com',
      authorization: `Bearer ${TOKENS.owner}`,
    });
    expect(status).toBe(200);
  });

  test('the shared control client still resets, configures and reads', async () => {
    const control = emulatorControl(emulator().url);
    await changeRole();
    await control.config({ latencyMs: 1 });
    expect((await control.currentConfig()).latencyMs).toBe(1);
    await control.reset(smallSeed());
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    const state = await control.state();
    expect(state.spaces.length).toBeGreaterThan(0);
    expect(await control.requests()).toEqual([]);
    await control.config({ latencyMs: 0 });
  });
});
