/** Seed fields for app authentication (`apps`, `createdByApp`, name parts) and the demo app with its local key. */

import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_APP, DEMO_SERVICE_ACCOUNT, demoSeed } from '../demo-seed';
import { type Seed, SeedError, validateSeed } from '../seed';
import { startEmulator } from '../server';
import { ChatState } from '../state';
import {
  APP,
  appSeed,
  claimsFor,
  get,
  patchRole,
  requestToken,
  rsaKeyPair,
  SERVICE_ACCOUNT,
  scope,
  signJwt,
} from './seeds';

const keys = rsaKeyPair();
const EMULATOR_DIR = resolve(__dirname, '..');
const DEMO_KEY_FILE = join(EMULATOR_DIR, 'demo-app-key.pem');

function problemsOf(input: unknown): string[] {
  try {
    validateSeed(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    return (e as SeedError).problems;
  }
  throw new Error('validateSeed accepted a bad seed');
}

function edited(edit: (seed: Seed) => void): Seed {
  const seed = appSeed(keys.publicKeyPem);
  edit(seed);
  return seed;
}

const app = (s: Seed) => (s.apps as NonNullable<Seed['apps']>)[0] as NonNullable<Seed['apps']>[number];

/** Edits that break the app seed, and the first problem each must be reported as. */
const BAD_APP_SEEDS: [string, (s: Seed) => void, string][] = [
  [
    'an app that is not a user',
    (s) => {
      app(s).name = 'users/404';
    },
    'apps[0].name: must name a user from "users"',
  ],
  [
    'an app whose user is HUMAN',
    (s) => {
      app(s).name = 'users/100';
    },
    'apps[0].name: users/100 must be a user of type BOT (a Chat app)',
  ],
  [
    'a bad service account',
    (s) => {
      app(s).serviceAccount = 'roles-app';
    },
    'apps[0].serviceAccount: must be the service account email',
  ],
  [
    'a service account used twice (any case)',
    (s) => {
      s.users.push({ name: 'users/900101', type: 'BOT' });
      s.apps?.push({ ...app(s), name: 'users/900101', serviceAccount: SERVICE_ACCOUNT.toUpperCase() });
    },
    'apps[1].serviceAccount: duplicate service account',
  ],
  [
    'a public key that is not PEM',
    (s) => {
      app(s).publicKeyPem = 'ssh-rsa AAAA';
    },
    'apps[0].publicKeyPem: must be an RSA public key in PEM',
  ],
  [
    'a private key instead of the public one',
    (s) => {
      app(s).publicKeyPem = keys.privateKeyPem;
    },
    'apps[0].publicKeyPem: must be an RSA public key in PEM',
  ],
  [
    'an EC key',
    (s) => {
      app(s).publicKeyPem = generateKeyPairSync('ec', {
        namedCurve: 'P-256',
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      }).publicKey;
    },
    'apps[0].publicKeyPem: must be an RSA public key in PEM',
  ],
  [
    'adminApproved that is not a boolean',
    (s) => {
      (app(s) as { adminApproved: unknown }).adminApproved = 'yes';
    },
    'apps[0].adminApproved: must be a boolean',
  ],
  [
    'a space created by an unknown app',
    (s) => {
      (s.spaces.at(-1) as Seed['spaces'][number]).createdByApp = 'users/900';
    },
    'spaces[7].createdByApp: must name an app from "apps"',
  ],
  [
    'an app principal marked admin',
    (s) => {
      (s.principals.at(-1) as Seed['principals'][number]).admin = true;
    },
    'principals[13].admin: an app principal cannot be an administrator',
  ],
  [
    'a givenName that is not a string',
    (s) => {
      (s.users[0] as { givenName: unknown }).givenName = 7;
    },
    'users[0].givenName: must be a string',
  ],
];

describe('validateSeed: apps and createdByApp', () => {
  test('the app seed is valid', () => {
    expect(() => validateSeed(appSeed(keys.publicKeyPem))).not.toThrow();
  });

  test.each(BAD_APP_SEEDS)('rejects %s', (_, edit, problem) => {
    // The first problem is the one introduced (a bad app also makes the spaces it created name no app).
    expect(problemsOf(edited(edit))[0]).toContain(problem);
  });

  test('the state exports apps and createdByApp (never issued tokens), and re-imports to the same state', () => {
    const seed = edited((s) => {
      s.users.push({
        name: 'users/300',
        displayName: 'Jean de la Fontaine',
        givenName: 'Jean',
        familyName: 'de la Fontaine',
      });
    });
    const state = ChatState.fromSeed(seed);
    state.issueAppToken(state.apps.get(APP) as NonNullable<ReturnType<typeof state.apps.get>>, [scope('chat.bot')], 10);
    const exported = state.toSeed();
    expect(exported.apps).toEqual([
      {
        name: APP,
        serviceAccount: SERVICE_ACCOUNT,
        publicKeyPem: keys.publicKeyPem,
        adminApproved: true,
        project: 'app-project',
      },
    ]);
    expect(exported.spaces.find((s) => s.name === 'spaces/AppMade')?.createdByApp).toBe(APP);
    expect(exported.users.find((u) => u.name === 'users/300')).toMatchObject({
      givenName: 'Jean',
      familyName: 'de la Fontaine',
    });
    expect(JSON.stringify(exported)).not.toContain('ya29.');
    expect(ChatState.fromSeed(JSON.parse(JSON.stringify(exported))).toSeed()).toEqual(exported);
  });
});

describe('the demo seed', () => {
  test('has the app, its public key only, and "Release bots" created by the app with Alice as Owner', () => {
    const seed = demoSeed();
    expect(seed.users.find((u) => u.name === DEMO_APP)).toEqual({
      name: DEMO_APP,
      displayName: 'Roles App',
      type: 'BOT',
    });
    expect(seed.apps).toEqual([
      expect.objectContaining({ name: DEMO_APP, serviceAccount: DEMO_SERVICE_ACCOUNT, adminApproved: true }),
    ]);
    expect(JSON.stringify(seed)).not.toContain('PRIVATE KEY');
    const release = seed.spaces.find((s) => s.displayName === 'Release bots');
    expect(release).toMatchObject({ createdByApp: DEMO_APP, spaceType: 'SPACE' });
    expect(release?.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ member: DEMO_APP, role: 'ROLE_MEMBER' }),
        expect.objectContaining({ member: 'users/1001', role: 'ROLE_MANAGER' }),
      ]),
    );
    const scopes = (token: string) => seed.principals.find((p) => p.token === token)?.scopes;
    expect(scopes('tok-alice')).toContain(scope('directory.readonly'));
    expect(scopes('tok-admin')).toContain(scope('admin.directory.user.readonly'));
  });

  test('the local demo key file says what it is, and signs JWTs the demo app accepts', async () => {
    const pem = readFileSync(DEMO_KEY_FILE, 'utf8');
    expect(pem.split('\n')[0]).toMatch(/^LOCAL DEMO KEY - NOT A SECRET/);
    const emulator = await startEmulator({ port: 0, seed: demoSeed() });
    try {
      const issued = await requestToken(
        emulator,
        signJwt(pem, claimsFor([scope('chat.app.memberships')], { iss: DEMO_SERVICE_ACCOUNT })),
      );
      expect(issued.status).toBe(200);
      const token = issued.body.access_token as string;
      const patch = await patchRole(emulator, 'spaces/AAAAReleaseBots/members/1003', 'ROLE_ASSISTANT_MANAGER', token);
      expect(patch.status).toBe(200);
      expect((await patchRole(emulator, 'spaces/AAAALaunch/members/1003', 'ROLE_MEMBER', token)).status).toBe(403);
      expect((await get(emulator, '/v1/people/1002?personFields=names', 'tok-alice')).status).toBe(200);
      expect((await get(emulator, '/admin/directory/v1/users/bob@example.com', 'tok-admin')).body).toMatchObject({
        id: '1002',
        name: { fullName: 'Bob Ortiz' },
      });
      expect((await get(emulator, '/admin/directory/v1/users/1002', 'tok-alice')).status).toBe(403);
    } finally {
      await emulator.stop();
    }
  });

  test('no file of the emulator but demo-app-key.pem holds a private key', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : [path];
      });
    const holders = [...files(EMULATOR_DIR), resolve(EMULATOR_DIR, '../../README.md')].filter((path) =>
      /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(readFileSync(path, 'utf8')),
    );
    expect(holders).toEqual([DEMO_KEY_FILE]);
  });
});
