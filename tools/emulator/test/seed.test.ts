import { demoSeed, LARGE_SPACE_MEMBERS } from '../demo-seed';
import { type Seed, SeedError, validateSeed } from '../seed';
import { ChatState } from '../state';
import { smallSeed } from './seeds';

/** The problems validateSeed reports for `input` (fails the test if it accepts it). */
function problemsOf(input: unknown): string[] {
  try {
    validateSeed(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    const error = e as SeedError;
    for (const problem of error.problems) expect(error.message).toContain(problem);
    return error.problems;
  }
  throw new Error('validateSeed accepted a bad seed');
}

/** A copy of the small seed changed by `edit`. */
function edited(edit: (seed: Seed) => void): Seed {
  const seed = smallSeed();
  edit(seed);
  return seed;
}

// Indexes into smallSeed(): spaces[0] Launch, [4] Group, [5] Dm; Launch memberships[6] is the group.
const launch = (s: Seed) => s.spaces[0] as Seed['spaces'][number];

/** Bad seeds: a label, the seed, and the problem (with its path) that must be reported. */
const BAD_SEEDS: [string, unknown, string][] = [
  ['a non-object', [], 'seed: must be a JSON object'],
  ['missing principals', { users: [], spaces: [] }, 'principals: must be an array'],
  ['users not an array', { principals: [], users: {}, spaces: [] }, 'users: must be an array'],
  ['a duplicate user', edited((s) => s.users.push({ name: 'users/100' })), 'users[8].name: duplicate user users/100'],
  ['a bad user name', edited((s) => s.users.push({ name: 'people/1' })), 'users[8].name: must look like "users/{id}"'],
  [
    'a duplicate email, in any case',
    edited((s) => s.users.push({ name: 'users/777', email: 'OLIVIA@example.com' })),
    'users[8].email: duplicate email OLIVIA@example.com',
  ],
  [
    'a bad email',
    edited((s) => s.users.push({ name: 'users/777', email: 'not an email' })),
    'users[8].email: must be an email address',
  ],
  [
    'a bad user type',
    edited((s) => s.users.push({ name: 'users/777', type: 'ROBOT' as never })),
    'users[8].type: must be "HUMAN" or "BOT"',
  ],
  [
    'an unknown member',
    edited((s) => launch(s).memberships.push({ member: 'users/999' })),
    'spaces[0].memberships[7].member: unknown user users/999',
  ],
  [
    'an unknown group',
    edited((s) => launch(s).memberships.push({ groupMember: 'groups/ops' })),
    'spaces[0].memberships[7].groupMember: unknown group groups/ops',
  ],
  [
    'an Owner role in a DM',
    edited((s) => {
      const dm = s.spaces[5] as Seed['spaces'][number];
      (dm.memberships[0] as { role?: string }).role = 'ROLE_MANAGER';
    }),
    'spaces[5].memberships[0].role: ROLE_MANAGER exists only in a SPACE',
  ],
  [
    'a Manager role in a group chat',
    edited((s) => {
      const group = s.spaces[4] as Seed['spaces'][number];
      (group.memberships[1] as { role?: string }).role = 'ROLE_ASSISTANT_MANAGER';
    }),
    'spaces[4].memberships[1].role: ROLE_ASSISTANT_MANAGER exists only in a SPACE',
  ],
  [
    'a Google Group membership with a role',
    edited((s) => {
      (launch(s).memberships[6] as { role?: string }).role = 'ROLE_MEMBER';
    }),
    'spaces[0].memberships[6].role: a Google Group membership has no role',
  ],
  [
    'a user membership with an unspecified role',
    edited((s) => {
      (launch(s).memberships[0] as { role?: string }).role = 'MEMBERSHIP_ROLE_UNSPECIFIED';
    }),
    'spaces[0].memberships[0].role: a user membership needs a role',
  ],
  [
    'an unknown role',
    edited((s) => {
      (launch(s).memberships[0] as { role?: string }).role = 'OWNER';
    }),
    'spaces[0].memberships[0].role: must be ROLE_MEMBER',
  ],
  [
    'a SPACE without displayName',
    edited((s) => {
      delete launch(s).displayName;
    }),
    'spaces[0].displayName: a SPACE needs a displayName',
  ],
  [
    'a SPACE with a blank displayName',
    edited((s) => {
      launch(s).displayName = '   ';
    }),
    'spaces[0].displayName: a SPACE needs a displayName',
  ],
  [
    'a DM with a displayName',
    edited((s) => {
      (s.spaces[5] as Seed['spaces'][number]).displayName = 'Chat';
    }),
    'spaces[5].displayName: only a SPACE has a displayName',
  ],
  [
    'a bad space type',
    edited((s) => {
      launch(s).spaceType = 'ROOM' as never;
    }),
    'spaces[0].spaceType: must be "SPACE", "GROUP_CHAT" or "DIRECT_MESSAGE"',
  ],
  ['a bad space name', edited((s) => s.spaces.push({ name: 'rooms/x', memberships: [] })), 'spaces[6].name'],
  [
    'a duplicate space',
    edited((s) => s.spaces.push({ name: 'spaces/Launch', displayName: 'Again', memberships: [] })),
    'spaces[6].name: duplicate space spaces/Launch',
  ],
  [
    'memberships that are not an array',
    edited((s) => {
      (launch(s) as { memberships: unknown }).memberships = 'everyone';
    }),
    'spaces[0].memberships: must be an array',
  ],
  [
    'a membership with both member and groupMember',
    edited((s) => launch(s).memberships.push({ member: 'users/103', groupMember: 'groups/eng' })),
    'spaces[0].memberships[7]: needs exactly one of "member" or "groupMember"',
  ],
  [
    'a user twice in one space',
    edited((s) => launch(s).memberships.push({ member: 'users/100' })),
    'spaces[0].memberships[7]: users/100 is already a member of spaces/Launch',
  ],
  [
    'a bad membership state',
    edited((s) => {
      (launch(s).memberships[0] as { state?: string }).state = 'LEFT';
    }),
    'spaces[0].memberships[0].state: must be "JOINED", "INVITED" or "NOT_A_MEMBER"',
  ],
  [
    'a bad timestamp',
    edited((s) => {
      launch(s).createTime = 'yesterday';
    }),
    'spaces[0].createTime: must be an RFC 3339 timestamp',
  ],
  [
    'an empty token',
    edited((s) => {
      (s.principals[0] as { token: string }).token = '';
    }),
    'principals[0].token: must be a non-empty string',
  ],
  [
    'a token with a space',
    edited((s) => {
      (s.principals[0] as { token: string }).token = 'tok alice';
    }),
    'principals[0].token: must be a non-empty string',
  ],
  [
    'a duplicate token',
    edited((s) => {
      (s.principals[1] as { token: string }).token = (s.principals[0] as { token: string }).token;
    }),
    'principals[1].token: duplicate token',
  ],
  [
    'a principal for an unknown user',
    edited((s) => {
      (s.principals[0] as { user: string }).user = 'users/999';
    }),
    'principals[0].user: must name a user from "users" (got "users/999")',
  ],
  [
    'scopes that are not a list of strings',
    edited((s) => {
      (s.principals[0] as { scopes: unknown }).scopes = 'chat.memberships';
    }),
    'principals[0].scopes: must be an array of scope URLs',
  ],
  [
    'admin that is not a boolean',
    edited((s) => {
      (s.principals[0] as { admin?: unknown }).admin = 'yes';
    }),
    'principals[0].admin: must be a boolean',
  ],
];

describe('validateSeed rejects, naming the path', () => {
  test.each(BAD_SEEDS)('%s', (_label, input, expected) => {
    const problems = problemsOf(input);
    expect(problems.some((p) => p.includes(expected))).toBe(true);
    // Every problem starts with the path of what is wrong.
    for (const p of problems) expect(p).toMatch(/^[a-z][\w[\].]*: \S/i);
  });

  test('every problem is reported at once', () => {
    const problems = problemsOf(
      edited((s) => {
        s.users.push({ name: 'users/100' });
        delete launch(s).displayName;
        (s.principals[0] as { token: string }).token = '';
      }),
    );
    expect(problems).toHaveLength(3);
  });
});

describe('valid seeds', () => {
  test('the demo seed is valid and loads', () => {
    const seed = demoSeed();
    expect(validateSeed(seed)).toBe(seed);
    const state = ChatState.fromSeed(seed);
    expect(state.spaces.get('spaces/AAAAAllHands')?.memberships.size).toBe(LARGE_SPACE_MEMBERS + 1);
    expect(state.principal('tok-admin')?.admin).toBe(true);
  });

  test('the demo seed survives a trip through JSON', () => {
    expect(() => validateSeed(JSON.parse(JSON.stringify(demoSeed())))).not.toThrow();
  });

  test('the test seed is valid, and its state exports to a valid seed', () => {
    const state = ChatState.fromSeed(smallSeed());
    expect(() => validateSeed(state.toSeed())).not.toThrow();
  });

  test('defaults: type HUMAN, role ROLE_MEMBER, state JOINED, spaceType SPACE', () => {
    const state = ChatState.fromSeed({
      principals: [],
      users: [{ name: 'users/1' }],
      spaces: [{ name: 'spaces/S', displayName: 'S', memberships: [{ member: 'users/1' }] }],
    });
    expect(state.users.get('users/1')?.type).toBe('HUMAN');
    const space = state.spaces.get('spaces/S');
    expect(space?.spaceType).toBe('SPACE');
    expect(space?.memberships.get('1')).toMatchObject({
      role: 'ROLE_MEMBER',
      state: 'JOINED',
      name: 'spaces/S/members/1',
    });
  });
});
