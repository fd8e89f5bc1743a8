/** Space permission settings (seed `spaces[].permissionSettings`): who may manage members, and what GET shows. */

import type { Seed } from '../seed';
import { expectApiError, get, patchRole, QUOTAS_OFF, roleInState, smallSeed, TOKENS, useEmulator } from './seeds';

/** The small world with Launch's Managers (ROLE_ASSISTANT_MANAGER) not allowed to manage members. */
function ownersOnlySeed(): Seed {
  const seed = smallSeed();
  const launch = seed.spaces.find((s) => s.name === 'spaces/Launch');
  if (!launch) throw new Error('seed shape changed');
  launch.permissionSettings = {
    manageMembersAndGroups: { managersAllowed: true, assistantManagersAllowed: false },
    useAtMentionAll: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: true },
  };
  return seed;
}

const emulator = useEmulator(ownersOnlySeed, QUOTAS_OFF);

beforeEach(() => emulator().reset(ownersOnlySeed()));

test("a Manager's role change is 403 PERMISSION_DENIED when the space lets only owners manage members", async () => {
  const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.manager);
  expectApiError(res, 403, 'PERMISSION_DENIED', /manage members/);
  expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_MEMBER');
});

test('an Owner is unaffected, even if the setting says managersAllowed: false', async () => {
  const seed = ownersOnlySeed();
  const launch = seed.spaces.find((s) => s.name === 'spaces/Launch');
  if (launch) launch.permissionSettings = { manageMembersAndGroups: { managersAllowed: false } };
  emulator().reset(seed);
  const res = await patchRole(emulator(), 'spaces/Launch/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expect(res.status).toBe(200);
  expect(roleInState(emulator(), 'spaces/Launch', '102')).toBe('ROLE_ASSISTANT_MANAGER');
});

test('a Manager in a space without the setting may still change roles', async () => {
  // Support: Olivia is a Manager there and the space has no permissionSettings (Chat's default lets Managers).
  const res = await patchRole(emulator(), 'spaces/Support/members/102', 'ROLE_ASSISTANT_MANAGER', TOKENS.owner);
  expect(res.status).toBe(200);
});

test('GET spaces/{space} answers permissionSettings as seeded; spaces without them have none', async () => {
  const launch = await get(emulator(), '/v1/spaces/Launch', TOKENS.owner);
  expect(launch.body.permissionSettings).toEqual({
    manageMembersAndGroups: { managersAllowed: true, assistantManagersAllowed: false },
    useAtMentionAll: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: true },
  });
  const design = await get(emulator(), '/v1/spaces/Design', TOKENS.owner);
  expect(design.body).not.toHaveProperty('permissionSettings');
});

test('the settings survive GET /_emulator/state → reset', () => {
  emulator().reset(emulator().state().toSeed());
  expect(
    emulator()
      .state()
      .toSeed()
      .spaces.find((s) => s.name === 'spaces/Launch')?.permissionSettings,
  ).toEqual(ownersOnlySeed().spaces[0]?.permissionSettings);
});

test.each([
  ['an unknown setting', { manageEverything: { managersAllowed: true } }, /unknown permission setting/],
  ['an unknown field', { manageMembersAndGroups: { ownersAllowed: true } }, /unknown field/],
  ['a non-boolean', { manageMembersAndGroups: { assistantManagersAllowed: 'no' } }, /boolean/],
  ['a non-object', 'owners only', /must be an object/],
])('a seed with %s is refused', (_label, settings, message) => {
  const seed = smallSeed() as unknown as { spaces: Record<string, unknown>[] };
  (seed.spaces[0] as Record<string, unknown>).permissionSettings = settings;
  expect(() => emulator().reset(seed)).toThrow(message);
});

test('a seed giving a GROUP_CHAT permission settings is refused', () => {
  const seed = smallSeed();
  const group = seed.spaces.find((s) => s.spaceType === 'GROUP_CHAT');
  if (group) group.permissionSettings = { manageMembersAndGroups: { assistantManagersAllowed: false } };
  expect(() => emulator().reset(seed)).toThrow(/only a SPACE has permission settings/);
});
