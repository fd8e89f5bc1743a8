/**
 * The built-in demo world: a few people, spaces of every type, a large space, a bot, a group, an invited user, and a
 * Chat app with a service account that created one space ("Release bots").
 */

import type { Seed, SeedApp, SeedMembership, SeedPrincipal, SeedSpace, SeedUser } from './seed';

const SCOPE = 'https://www.googleapis.com/auth/';
export const USER_SCOPES = [`${SCOPE}chat.memberships`, `${SCOPE}chat.spaces.readonly`];
export const ADMIN_SCOPES = [...USER_SCOPES, `${SCOPE}chat.admin.memberships`, `${SCOPE}chat.admin.spaces.readonly`];
/** People API: reading coworkers' domain profiles. */
export const PEOPLE_SCOPE = `${SCOPE}directory.readonly`;
/** Admin SDK Directory: reading users (administrators only). */
export const DIRECTORY_SCOPE = `${SCOPE}admin.directory.user.readonly`;

/** The demo Chat app: its Chat user, and the service account whose JWTs /token accepts. */
export const DEMO_APP = 'users/app-roles';
export const DEMO_SERVICE_ACCOUNT = 'roles-app@demo-project.iam.gserviceaccount.com';
/**
 * Public half of the demo app's key. The private half is `tools/emulator/demo-app-key.pem`, a local-demo key that
 * only this emulator trusts; no real service account uses it.
 */
export const DEMO_APP_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuQpKsRwArfPHUn4/yriP
If5ejOpvJk4edobwYFHg5r9ENe2vroXB2iLxfIzgR58ZKF8vfNjD6/D6b11Uv9YF
5hHfSAqwAG4fCnv5R13Usm1Njr8uiGa9dcEW9REVwK5GnyrReHCIeIgKbZsUFpA1
UTny3SnEAekL91SreKMRXM9BlWn38QbfoNrHQZKhu/dc34JCnefV86gG+4mfmp3w
FfXMqPopcvZaFD/dcIWCk2/SNpV+uYtTQ83PoReYWI1kZB7lzpEjZoTvAFo8LljG
jTVyXhe0FchubscYOLGUeCTH12xtgfwAYFd9zKb99Jye+0kHseDVm6/SzDJou0ux
nwIDAQAB
-----END PUBLIC KEY-----
`;

export const LARGE_SPACE_MEMBERS = 2500;

export function demoSeed(): Seed {
  const crowd = demoCrowd();
  return {
    principals: demoPrincipals(),
    users: [...demoPeople(), ...crowd],
    groups: [{ name: 'groups/eng' }],
    apps: demoApps(),
    spaces: [...namedSpaces(crowd), ...conversations()],
  };
}

function demoPeople(): SeedUser[] {
  return [
    { name: 'users/1001', displayName: 'Alice Ng', email: 'alice@example.com', type: 'HUMAN' },
    { name: 'users/1002', displayName: 'Bob Ortiz', email: 'bob@example.com', type: 'HUMAN' },
    { name: 'users/1003', displayName: 'Carol Diaz', email: 'carol@example.com', type: 'HUMAN' },
    { name: 'users/1004', displayName: 'Dan Wu', email: 'dan@example.com', type: 'HUMAN' },
    { name: 'users/1005', displayName: 'Erin Kim', email: 'erin@example.com', type: 'HUMAN' },
    { name: 'users/1006', displayName: '=SUM(1,2) Sam', email: 'sam@example.com', type: 'HUMAN' },
    { name: 'users/1900', displayName: 'Ada Admin', email: 'ada.admin@example.com', type: 'HUMAN' },
    { name: 'users/2001', displayName: 'Standup Bot', type: 'BOT' },
    { name: DEMO_APP, displayName: 'Roles App', type: 'BOT' },
  ];
}

/** The members of the large space ("All hands"). */
function demoCrowd(): SeedUser[] {
  return Array.from({ length: LARGE_SPACE_MEMBERS }, (_, i) => ({
    name: `users/${5000 + i}`,
    displayName: `Employee ${String(i + 1).padStart(4, '0')}`,
    email: `employee${i + 1}@example.com`,
    type: 'HUMAN',
  }));
}

function demoPrincipals(): SeedPrincipal[] {
  return [
    { token: 'tok-alice', user: 'users/1001', scopes: [...USER_SCOPES, PEOPLE_SCOPE], admin: false },
    { token: 'tok-bob', user: 'users/1002', scopes: USER_SCOPES, admin: false },
    { token: 'tok-carol', user: 'users/1003', scopes: USER_SCOPES, admin: false },
    { token: 'tok-admin', user: 'users/1900', scopes: [...ADMIN_SCOPES, DIRECTORY_SCOPE], admin: true },
  ];
}

function demoApps(): SeedApp[] {
  return [
    {
      name: DEMO_APP,
      serviceAccount: DEMO_SERVICE_ACCOUNT,
      publicKeyPem: DEMO_APP_PUBLIC_KEY,
      // No project: the app's calls count against the same (default) Cloud project as the users' calls.
      adminApproved: true,
    },
  ];
}

const m = (
  member: string,
  role: SeedMembership['role'] = 'ROLE_MEMBER',
  state: SeedMembership['state'] = 'JOINED',
): SeedMembership => ({ member, role, state });

function namedSpaces(crowd: SeedUser[]): SeedSpace[] {
  return [
    {
      name: 'spaces/AAAALaunch',
      displayName: 'Launch team',
      spaceType: 'SPACE',
      createTime: '2025-03-01T09:00:00Z',
      memberships: [
        m('users/1001', 'ROLE_MANAGER'),
        m('users/1002', 'ROLE_ASSISTANT_MANAGER'),
        m('users/1003'),
        m('users/1004'),
        m('users/1005', 'ROLE_MEMBER', 'INVITED'),
        m('users/2001'),
        { groupMember: 'groups/eng' },
      ],
    },
    {
      name: 'spaces/AAAADesign',
      displayName: 'Design reviews',
      spaceType: 'SPACE',
      createTime: '2025-04-01T09:00:00Z',
      memberships: [m('users/1001', 'ROLE_MANAGER'), m('users/1003', 'ROLE_MANAGER'), m('users/1004'), m('users/1006')],
    },
    {
      name: 'spaces/AAAASupport',
      displayName: 'Support rota',
      spaceType: 'SPACE',
      createTime: '2025-05-01T09:00:00Z',
      memberships: [m('users/1002', 'ROLE_MANAGER'), m('users/1001', 'ROLE_ASSISTANT_MANAGER'), m('users/1003')],
    },
    {
      name: 'spaces/AAAAAllHands',
      displayName: 'All hands',
      spaceType: 'SPACE',
      createTime: '2025-01-15T09:00:00Z',
      memberships: [m('users/1001', 'ROLE_MANAGER'), ...crowd.map((u) => m(u.name))],
    },
    {
      name: 'spaces/AAAAXss',
      displayName: '<img src=x onerror=alert(1)> Security drills',
      spaceType: 'SPACE',
      createTime: '2025-06-01T09:00:00Z',
      memberships: [m('users/1001', 'ROLE_MANAGER'), m('users/1004')],
    },
    {
      name: 'spaces/AAAAFinance',
      displayName: 'Finance',
      spaceType: 'SPACE',
      createTime: '2025-02-01T09:00:00Z',
      memberships: [m('users/1002', 'ROLE_MANAGER'), m('users/1004')],
    },
    {
      name: 'spaces/AAAAReleaseBots',
      displayName: 'Release bots',
      spaceType: 'SPACE',
      createTime: '2025-09-01T09:00:00Z',
      createdByApp: DEMO_APP,
      // An app that creates a space joins it as a plain member, not a manager.
      memberships: [m(DEMO_APP), m('users/1001', 'ROLE_MANAGER'), m('users/1003'), m('users/1004')],
    },
  ];
}

/** A group chat and a direct message: spaces without roles, which the add-on must leave alone. */
function conversations(): SeedSpace[] {
  return [
    {
      name: 'spaces/AAAAGroupChat',
      spaceType: 'GROUP_CHAT',
      createTime: '2025-07-01T09:00:00Z',
      memberships: [m('users/1001'), m('users/1002'), m('users/1003')],
    },
    {
      name: 'spaces/AAAADm',
      spaceType: 'DIRECT_MESSAGE',
      createTime: '2025-08-01T09:00:00Z',
      memberships: [m('users/1001'), m('users/1002')],
    },
  ];
}
