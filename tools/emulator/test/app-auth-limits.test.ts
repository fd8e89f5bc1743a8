/**
 * What app authentication (seeded app tokens) may not do, or sees differently: unapproved chat.app.* scopes,
 * user-only list parameters, spaces.get, and permissionSettings (spaces.get's documented limitation).
 */

import type { Seed } from '../seed';
import {
  APP,
  appSeed,
  expectApiError,
  get,
  patchRole,
  QUOTAS_OFF,
  rsaKeyPair,
  scope,
  TOKENS,
  useEmulator,
} from './seeds';

const keys = rsaKeyPair();
const APP_TOKENS = { spaces: 'tok-app-spaces-1111', bot: 'tok-app-bot-2222', members: 'tok-app-members-3333' };
const SETTINGS = { manageMembersAndGroups: { assistantManagersAllowed: false } };

/** The app world with seeded app tokens per scope, and permission settings on Launch and on the app's own space. */
function seed(adminApproved = true): Seed {
  const out = appSeed(keys.publicKeyPem, { adminApproved });
  out.principals.push(
    { token: APP_TOKENS.spaces, user: APP, scopes: [scope('chat.app.spaces')] },
    { token: APP_TOKENS.bot, user: APP, scopes: [scope('chat.bot')] },
    { token: APP_TOKENS.members, user: APP, scopes: [scope('chat.app.memberships')] },
  );
  for (const space of out.spaces) {
    if (space.name === 'spaces/Launch' || space.name === 'spaces/AppMade') space.permissionSettings = SETTINGS;
  }
  return out;
}

const emulator = useEmulator(() => seed(), QUOTAS_OFF);

beforeEach(() => emulator().reset(seed()));

describe('an app whose chat.app.* scopes no administrator approved', () => {
  test.each([
    ['members.patch', () => patchRole(emulator(), 'spaces/AppMade/members/102', 'ROLE_MANAGER', APP_TOKENS.members)],
    ['members.list', () => get(emulator(), '/v1/spaces/AppMade/members', APP_TOKENS.members)],
    ['spaces.get', () => get(emulator(), '/v1/spaces/AppMade', APP_TOKENS.spaces)],
  ])('%s is 403 with ErrorInfo APP_NOT_APPROVED_BY_ADMIN and what to do', async (_name, send) => {
    emulator().reset(seed(false));
    const error = expectApiError(await send(), 403, 'PERMISSION_DENIED', /Google Admin console/);
    expect(error.details?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'APP_NOT_APPROVED_BY_ADMIN',
      metadata: { service: 'chat.googleapis.com', app: APP },
    });
  });

  test('chat.bot needs no approval', async () => {
    emulator().reset(seed(false));
    expect((await get(emulator(), '/v1/spaces/Launch', APP_TOKENS.bot)).status).toBe(200);
  });
});

describe('members.list parameters documented for user authentication', () => {
  /** AppMade with Ivan invited and the eng group added, so both parameters have something to show. */
  function withInvitedAndGroup(): Seed {
    const out = seed();
    const made = out.spaces.find((s) => s.name === 'spaces/AppMade');
    made?.memberships.push({ member: 'users/104', state: 'INVITED' }, { groupMember: 'groups/eng' });
    return out;
  }
  const names = (body: Record<string, unknown>) =>
    ((body.memberships ?? []) as { name: string }[]).map((m) => m.name).sort();

  test('showInvited=true with app authentication is ignored: invited members stay out', async () => {
    emulator().reset(withInvitedAndGroup());
    const plain = await get(emulator(), '/v1/spaces/AppMade/members', APP_TOKENS.members);
    const invited = await get(emulator(), '/v1/spaces/AppMade/members?showInvited=true', APP_TOKENS.members);
    expect(invited.status).toBe(200);
    expect(names(invited.body)).toEqual(names(plain.body));
    expect(names(invited.body)).not.toContain('spaces/AppMade/members/104');
    const bad = await get(emulator(), '/v1/spaces/AppMade/members?showInvited=maybe', APP_TOKENS.members);
    expectApiError(bad, 400, 'INVALID_ARGUMENT');
  });

  test('showGroups=true works for apps; users still see invited members', async () => {
    emulator().reset(withInvitedAndGroup());
    const groups = await get(emulator(), '/v1/spaces/AppMade/members?showGroups=true', APP_TOKENS.members);
    expect(names(groups.body)).toContain('spaces/AppMade/members/eng');
    const asUser = await get(emulator(), '/v1/spaces/AppMade/members?showInvited=true', TOKENS.owner);
    expect(names(asUser.body)).toContain('spaces/AppMade/members/104');
  });
});

describe('spaces.get with app authentication', () => {
  test('chat.bot: spaces the app is in; other spaces are 404', async () => {
    const launch = await get(emulator(), '/v1/spaces/Launch', APP_TOKENS.bot);
    expect(launch.body).toMatchObject({ name: 'spaces/Launch', displayName: 'Launch team' });
    expectApiError(await get(emulator(), '/v1/spaces/Finance', APP_TOKENS.bot), 404, 'NOT_FOUND');
  });

  test('permissionSettings only with chat.app.spaces, and only in spaces the app created', async () => {
    const made = await get(emulator(), '/v1/spaces/AppMade', APP_TOKENS.spaces);
    expect(made.body.permissionSettings).toEqual(SETTINGS);
    const asBot = await get(emulator(), '/v1/spaces/AppMade', APP_TOKENS.bot);
    expect(asBot.status).toBe(200);
    expect(asBot.body).not.toHaveProperty('permissionSettings');
    const launch = await get(emulator(), '/v1/spaces/Launch', APP_TOKENS.bot);
    expect(launch.body).not.toHaveProperty('permissionSettings');
    const asUser = await get(emulator(), '/v1/spaces/Launch', TOKENS.owner);
    expect(asUser.body.permissionSettings).toEqual(SETTINGS);
  });
});
