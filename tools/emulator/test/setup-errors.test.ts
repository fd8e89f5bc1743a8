/**
 * Setup errors of a Cloud project (config `apiEnabled`, `chatAppConfigured`) on every Chat API call, and the
 * hostile-answer mode `responses.patchKeepsRole`.
 */

import { CHAT_APP_NOT_FOUND } from '../setup';
import {
  appSeed,
  call,
  expectApiError,
  get,
  MORE_TOKENS,
  patchRole,
  QUOTAS_OFF,
  roleInState,
  rsaKeyPair,
  TOKENS,
  useEmulator,
} from './seeds';

const keys = rsaKeyPair();
const emulator = useEmulator(() => appSeed(keys.publicKeyPem), QUOTAS_OFF);

beforeEach(() => {
  emulator().configure({ apiEnabled: true, chatAppConfigured: true, responses: { patchKeepsRole: false } });
  emulator().reset(appSeed(keys.publicKeyPem));
});

/** One call of each Chat method the emulator serves: reads as well as the write. */
const EVERY_CHAT_CALL: [string, () => ReturnType<typeof get>][] = [
  ['spaces.list', () => get(emulator(), '/v1/spaces', TOKENS.owner)],
  ['spaces.get', () => get(emulator(), '/v1/spaces/Launch', TOKENS.owner)],
  [
    'spaces.search',
    () =>
      get(
        emulator(),
        `/v1/spaces:search?useAdminAccess=true&query=${encodeURIComponent('customer = "customers/my_customer" AND space_type = "SPACE"')}`,
        TOKENS.admin,
      ),
  ],
  ['members.list', () => get(emulator(), '/v1/spaces/Launch/members', TOKENS.owner)],
  ['members.get', () => get(emulator(), '/v1/spaces/Launch/members/102', TOKENS.owner)],
  ['members.patch', () => patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner)],
  ['members.get as the app', () => get(emulator(), '/v1/spaces/AppMade/members/102', MORE_TOKENS.seededApp)],
];

describe('chatAppConfigured: false', () => {
  test.each(EVERY_CHAT_CALL)('%s answers 404 "Google Chat app not found"', async (_name, send) => {
    emulator().configure({ chatAppConfigured: false });
    const res = await send();
    expect(expectApiError(res, 404, 'NOT_FOUND').message).toBe(CHAT_APP_NOT_FOUND);
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
  });

  test('credentials are still checked first; People and Directory answer as usual', async () => {
    emulator().configure({ chatAppConfigured: false });
    expectApiError(await get(emulator(), '/v1/spaces', 'tok-unknown'), 401, 'UNAUTHENTICATED');
    const person = await get(emulator(), '/v1/people/101?personFields=names', MORE_TOKENS.people);
    expect(person.status).toBe(200);
    const user = await get(emulator(), '/admin/directory/v1/users/101', MORE_TOKENS.directoryAdmin);
    expect(user.status).toBe(200);
  });
});

describe('apiEnabled: false', () => {
  test.each(EVERY_CHAT_CALL)('%s answers 403 SERVICE_DISABLED naming the project', async (_name, send) => {
    emulator().configure({ apiEnabled: false, chatAppConfigured: false });
    const error = expectApiError(
      await send(),
      403,
      'PERMISSION_DENIED',
      /^Google Chat API has not been used in project/,
    );
    expect(error.message).toMatch(
      /Enable it by visiting https:\/\/console\.developers\.google\.com\/apis\/api\/chat\.googleapis\.com\/overview\?project=/,
    );
    expect(error.details?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      metadata: { service: 'chat.googleapis.com', consumer: expect.stringMatching(/^projects\/.+/) },
    });
  });

  test('the consumer is the caller’s own Cloud project', async () => {
    emulator().configure({ apiEnabled: false });
    const error = expectApiError(await get(emulator(), '/v1/spaces', TOKENS.other), 403, 'PERMISSION_DENIED');
    expect(error.message).toContain('in project other-project before');
    expect(error.details?.[0]).toMatchObject({ metadata: { consumer: 'projects/other-project' } });
  });

  test('People answers as usual', async () => {
    emulator().configure({ apiEnabled: false });
    expect((await get(emulator(), '/v1/people/101?personFields=names', MORE_TOKENS.people)).status).toBe(200);
  });
});

describe('config validation', () => {
  test.each([
    [{ apiEnabled: 'no' }, /apiEnabled must be a boolean/],
    [{ chatAppConfigured: 0 }, /chatAppConfigured must be a boolean/],
    [{ responses: { patchKeepsRole: 'yes' } }, /responses.patchKeepsRole must be a boolean/],
  ])('%j is refused and changes nothing', async (input, message) => {
    expect(() => emulator().configure(input)).toThrow(message);
    const res = await call(emulator(), 'POST', '/_emulator/config', { body: input });
    expect(res.status).toBe(400);
    expect(emulator().config).toMatchObject({
      apiEnabled: true,
      chatAppConfigured: true,
      responses: { patchKeepsRole: false },
    });
  });

  test('the control API sets and clears the switches', async () => {
    const res = await call(emulator(), 'POST', '/_emulator/config', { body: { chatAppConfigured: false } });
    expect(res.status).toBe(200);
    expect(emulator().config.chatAppConfigured).toBe(false);
    expect((await get(emulator(), '/v1/spaces', TOKENS.owner)).status).toBe(404);
    await call(emulator(), 'POST', '/_emulator/config', { body: { chatAppConfigured: true } });
    expect((await get(emulator(), '/v1/spaces', TOKENS.owner)).status).toBe(200);
  });
});

describe('responses.patchKeepsRole', () => {
  test('a PATCH answers 200 with the membership, its role unchanged, and the role stays as it was', async () => {
    emulator().configure({ responses: { patchKeepsRole: true } });
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'spaces/Launch/members/102', role: 'ROLE_MEMBER' });
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
    const read = await get(emulator(), '/v1/spaces/Launch/members/102', TOKENS.owner);
    expect(read.body.role).toBe('ROLE_MEMBER');
  });

  test('refusals are still refusals', async () => {
    emulator().configure({ responses: { patchKeepsRole: true } });
    const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_MANAGER', TOKENS.member);
    expectApiError(res, 403, 'PERMISSION_DENIED');
  });
});
