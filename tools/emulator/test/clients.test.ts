/**
 * The official Node clients against the emulator, unmodified: @googleapis/chat (discovery-based REST) and
 * @google-apps/chat (GAPIC over HTTP/JSON "fallback", which sends numeric enums).
 */

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ChatServiceClient } from '@google-apps/chat';
import { chat, type chat_v1 } from '@googleapis/chat';
import { GaxiosError } from 'gaxios';
import { OAuth2Client } from 'google-auth-library';
import { Status } from 'google-gax';
import { BIG, BIG_MEMBERS, bigSeed, QUOTAS_OFF, roleInState, TOKENS, U, useEmulator } from './seeds';

const execFileAsync = promisify(execFile);
const emulator = useEmulator(() => bigSeed(), QUOTAS_OFF);

beforeEach(() => emulator().reset(bigSeed()));

/**
 * An OAuth2Client holding a fixed access token. Both clients send every request through it (gaxios). Only change from
 * the defaults: gaxios would load `node-fetch` with a dynamic `import()`, which jest's module sandbox refuses without
 * --experimental-vm-modules, so it is handed Node's own fetch instead. Requests are otherwise built by the clients.
 */
function authFor(token: string): OAuth2Client {
  const auth = new OAuth2Client({ transporterOptions: { fetchImplementation: fetch } });
  auth.setCredentials({ access_token: token });
  return auth;
}

interface HttpError {
  name: string;
  code?: unknown;
  status?: unknown;
  message: string;
  response?: { status: number; data?: unknown };
}

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('expected the call to fail');
}

describe('@googleapis/chat', () => {
  const client = (token: string): chat_v1.Chat =>
    chat({ version: 'v1', rootUrl: `${emulator().url}/`, auth: authFor(token) });

  test('spaces.list', async () => {
    const res = await client(TOKENS.manager).spaces.list({ pageSize: 10 });
    expect(res.status).toBe(200);
    expect(res.data.spaces?.map((s) => s.name).sort()).toEqual(
      ['spaces/Finance', 'spaces/Group', 'spaces/Launch', 'spaces/Support'].sort(),
    );
  });

  test('spaces.search with admin access', async () => {
    const res = await client(TOKENS.admin).spaces.search({
      useAdminAccess: true,
      query: 'customer = "customers/my_customer" AND space_type = "SPACE"',
      orderBy: 'membership_count.joined_direct_human_user_count DESC',
    });
    expect(res.data.spaces?.[0]?.name).toBe(BIG);
    expect(res.data.spaces).toHaveLength(5);
  });

  test('spaces.members.list and get', async () => {
    const list = await client(TOKENS.owner).spaces.members.list({ parent: 'spaces/Launch', showInvited: true });
    expect(list.data.memberships?.map((m) => m.member?.name)).toContain(U.ivan);
    const one = await client(TOKENS.owner).spaces.members.get({ name: 'spaces/Launch/members/mark@example.com' });
    expect(one.data).toMatchObject({
      name: 'spaces/Launch/members/101',
      role: 'ROLE_ASSISTANT_MANAGER',
      member: { name: U.mark },
    });
  });

  test('spaces.members.patch changes the role', async () => {
    emulator().clearRequests();
    const res = await client(TOKENS.owner).spaces.members.patch({
      name: 'spaces/Launch/members/102',
      updateMask: 'role',
      requestBody: { role: 'ROLE_ASSISTANT_MANAGER' },
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ name: 'spaces/Launch/members/102', role: 'ROLE_ASSISTANT_MANAGER' });
    expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(emulator().requests()).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/v1/spaces/Launch/members/102',
        query: { updateMask: 'role' },
        body: { role: 'ROLE_ASSISTANT_MANAGER' },
        principal: U.olivia,
      }),
    ]);
  });

  test.each([
    ['403 for a plain member', TOKENS.member, 'spaces/Launch/members/105', 'role', 403],
    ['404 for a space the caller is not in', TOKENS.outsider, 'spaces/Launch/members/105', 'role', 404],
    ['400 for a bad update mask', TOKENS.owner, 'spaces/Launch/members/105', 'displayName', 400],
  ])('errors surface as GaxiosError: %s', async (_label, token, name, updateMask, code) => {
    const error = await rejectionOf(
      client(token).spaces.members.patch({ name, updateMask, requestBody: { role: 'ROLE_ASSISTANT_MANAGER' } }),
    );
    expect(error).toBeInstanceOf(GaxiosError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(code);
    expect(error.response?.status).toBe(code);
    expect(roleInState(emulator(), 'spaces/Launch', '105')).toBe('ROLE_MEMBER');
  });
});

describe('@google-apps/chat (gRPC fallback over HTTP/JSON)', () => {
  const clients: ChatServiceClient[] = [];
  const client = (token: string): ChatServiceClient => {
    const c = new ChatServiceClient({
      fallback: true,
      protocol: 'http',
      apiEndpoint: '127.0.0.1',
      port: emulator().port,
      authClient: authFor(token),
    });
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  test('updateMembership sends numeric enums and gets the updated membership back', async () => {
    emulator().clearRequests();
    const [membership] = await client(TOKENS.owner).updateMembership({
      membership: { name: 'spaces/Launch/members/101', role: 'ROLE_MANAGER' },
      updateMask: { paths: ['role'] },
    });
    expect(membership).toMatchObject({ name: 'spaces/Launch/members/101', role: 'ROLE_MANAGER', state: 'JOINED' });
    expect(membership.member?.name).toBe(U.mark);
    expect(roleInState(emulator(), 'spaces/Launch', '101')).toBe('ROLE_MANAGER');
    const [sent] = emulator().requests();
    expect(sent).toMatchObject({
      method: 'PATCH',
      path: '/v1/spaces/Launch/members/101',
      query: { updateMask: 'role', $alt: 'json;enum-encoding=int' },
      status: 200,
    });
    expect(sent?.body).toEqual({ role: 2 });
  });

  test('listMembershipsAsync pages through more than 250 members, each exactly once', async () => {
    emulator().clearRequests();
    const names: string[] = [];
    for await (const m of client(TOKENS.owner).listMembershipsAsync(
      { parent: BIG, pageSize: 100 },
      { autoPaginate: false },
    )) {
      names.push(m.name as string);
    }
    expect(names).toHaveLength(BIG_MEMBERS + 2);
    expect(new Set(names).size).toBe(BIG_MEMBERS + 2);
    expect(emulator().requests()).toHaveLength(Math.ceil((BIG_MEMBERS + 2) / 100));
  });

  test('listMemberships with a filter', async () => {
    const [memberships] = await client(TOKENS.owner).listMemberships(
      { parent: 'spaces/Launch', filter: 'role = "ROLE_MANAGER" OR role = "ROLE_ASSISTANT_MANAGER"' },
      { autoPaginate: false },
    );
    expect(memberships.map((m) => m.role).sort()).toEqual(['ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER']);
  });

  test('getSpace decodes numeric enums', async () => {
    const [space] = await client(TOKENS.owner).getSpace({ name: 'spaces/Group' });
    expect(space).toMatchObject({ name: 'spaces/Group', spaceType: 'GROUP_CHAT' });
  });

  /**
   * With the pinned google-gax 5.0.8 + gaxios 7, a REST-fallback error reaches the caller as the GaxiosError from
   * `authClient.fetch` with the HTTP status in `code` (a known client issue, fixed in later gax releases); the gRPC
   * status is the AIP-193 `status` in the body, which is what must map to the right gRPC code.
   */
  test.each([
    ['PERMISSION_DENIED', TOKENS.member, 'spaces/Launch/members/101', ['role'], 403, Status.PERMISSION_DENIED],
    ['NOT_FOUND', TOKENS.outsider, 'spaces/Launch/members/101', ['role'], 404, Status.NOT_FOUND],
    ['INVALID_ARGUMENT', TOKENS.owner, 'spaces/Launch/members/101', ['display_name'], 400, Status.INVALID_ARGUMENT],
  ])('a %s error surfaces with its code', async (status, token, name, paths, http, grpc) => {
    const error = await rejectionOf(
      client(token).updateMembership({ membership: { name, role: 'ROLE_MANAGER' }, updateMask: { paths } }),
    );
    expect(error).toBeInstanceOf(GaxiosError);
    expect(error.code).toBe(http);
    const body = JSON.parse(error.message) as { error: { code: number; status: keyof typeof Status } };
    expect(body.error).toMatchObject({ code: http, status });
    expect(Status[body.error.status]).toBe(grpc);
    expect(roleInState(emulator(), 'spaces/Launch', '101')).toBe('ROLE_ASSISTANT_MANAGER');
  });
});

describe('both clients with their default transport, outside the jest sandbox', () => {
  test('patch, list and errors work through node-fetch as in production', async () => {
    const { stdout } = await execFileAsync('npx', ['tsx', 'tools/emulator/test/fixtures/official-clients.ts'], {
      cwd: resolve(__dirname, '../../..'),
      timeout: 40_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as unknown;
    expect(result).toEqual({
      restPatch: { status: 200, role: 'ROLE_ASSISTANT_MANAGER' },
      restError: { code: 404, status: 404 },
      gapicPatch: { role: 'ROLE_MANAGER' },
      gapicList: { count: BIG_MEMBERS + 2, unique: BIG_MEMBERS + 2 },
      state: { mia: 'ROLE_ASSISTANT_MANAGER', pat: 'ROLE_MANAGER' },
    });
  });
});
