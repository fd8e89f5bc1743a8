import { generateKeyPairSync } from 'node:crypto';
import { demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, BOB, type Harness, rowOfKey, serverRole, startHarness, TOKENS } from '../support/harness';

const SERVICE_ACCOUNT = 'roles-app@demo-project.iam.gserviceaccount.com';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('app authentication (service account)', () => {
  const real = keyPair();
  const forged = keyPair();
  const keyFile = (privatePem: string) =>
    JSON.stringify({
      type: 'service_account',
      project_id: 'demo-project',
      client_email: SERVICE_ACCOUNT,
      private_key: privatePem,
      token_uri: 'https://oauth2.googleapis.com/token',
    });

  const appSeed = (adminApproved = true) => {
    const seed = demoSeed();
    const app = seed.apps?.[0];
    if (!app) throw new Error('the demo seed has no app');
    app.serviceAccount = SERVICE_ACCOUNT;
    app.publicKeyPem = real.publicPem;
    app.adminApproved = adminApproved;
    return seed;
  };

  let h: Harness;
  beforeEach(async () => {
    // A gentle time scale: the product's clock runs ahead of the wall clock, and JWT times are checked against it.
    h = await startHarness(appSeed(), { timeScale: 5 });
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  const appSpace = 'spaces/AAAAReleaseBots';

  it('stores the key for its owner, never shows it back, and changes roles as the app in a space it created', async () => {
    const status = h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile(real.privatePem)));
    expect(status).toEqual({ configured: true, clientEmail: SERVICE_ACCOUNT });
    expect(h.env.sim.as(BOB, () => h.bundle.run('getAppKeyStatus'))).toEqual({ configured: false, clientEmail: '' });

    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', appSpace, { app: true });
      h.bundle.run('setLiveEditing', true);
    });
    const title = h.env.spreadsheet.getActiveSheet().getName();
    const carolRow = rowOfKey(h, title, `${appSpace}/members/1003`);
    h.env.sim.userEdit(ALICE, title, `E${carolRow}`, 'Manager', { paste: true });
    expect(await serverRole(h, appSpace, 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    const requests = await h.control.requests();
    expect(requests.find((r) => r.method === 'PATCH')).toMatchObject({ principal: 'users/app-roles', status: 200 });
    // One token exchange (at load), then the token is reused from the cache by every later execution.
    h.env.sim.userEdit(ALICE, title, `E${rowOfKey(h, title, `${appSpace}/members/1004`)}`, 'Manager', { paste: true });
    expect((await h.control.requests()).filter((r) => r.path === '/token')).toHaveLength(1);

    const recorded = h.env.recordedEntries();
    const keyBody = real.privatePem.split('\n')[1] as string;
    expect(recorded.filter((e) => e.text.includes(keyBody)).map((e) => e.source)).toEqual([
      expect.stringMatching(/^property user:alice@example.com:serviceAccountKey/),
    ]);
    for (const token of TOKENS) expect(recorded.filter((e) => e.text.includes(token))).toEqual([]);
  });

  it('is refused by Chat in a space the app did not create, with the reason in the row', async () => {
    h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile(real.privatePem)));
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch', { app: true }))).toThrow(
      /Could not list the members: Google Chat did not allow this with the access used/,
    );
  });

  it('says an administrator must approve the Chat app when nobody has yet', async () => {
    await h.control.reset(appSeed(false));
    h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile(real.privatePem)));
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', appSpace, { app: true }))).toThrow(
      /no Workspace administrator has approved this Chat app's chat.app permissions yet: .*Google Admin console/,
    );
  });

  it('loads the app’s space as the app only: no read with the person’s token, no user-only list options', async () => {
    // Bob is not in the app's space: any read with his token would answer 404.
    h.env.sim.as(BOB, () => h.bundle.run('saveAppKey', keyFile(real.privatePem)));
    await h.control.clearRequests();
    const result = h.env.sim.as(BOB, () =>
      h.bundle.run('loadSpace', appSpace, { app: true, title: 'Release bots' }),
    ) as { sheetName: string; members: number };
    expect(result.sheetName).toBe('Release bots');
    expect(result.members).toBeGreaterThanOrEqual(3);
    const chat = (await h.control.requests()).filter((r) => r.path.startsWith('/v1/spaces'));
    expect(chat.length).toBeGreaterThan(0);
    expect(chat.filter((r) => r.principal !== 'users/app-roles')).toEqual([]);
    expect(chat.filter((r) => 'showInvited' in r.query || 'showGroups' in r.query)).toEqual([]);
  });

  it('says plainly when the key is not the app’s (forged signature)', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile(forged.privatePem)));
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', appSpace, { app: true }))).toThrow(
      /The Chat app could not sign in: Invalid JWT Signature/,
    );
  });

  it('refuses a bad key file with a clear message and stores nothing', () => {
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', '{"type":"service_account"}'))).toThrow(
      /client_email/,
    );
    expect(h.env.sim.as(ALICE, () => h.bundle.run('getAppKeyStatus'))).toEqual({ configured: false, clientEmail: '' });
  });

  it('removes the key', () => {
    h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', keyFile(real.privatePem)));
    expect(h.env.sim.as(ALICE, () => h.bundle.run('removeAppKey'))).toEqual({ configured: false, clientEmail: '' });
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', appSpace, { app: true }))).toThrow(
      /No service-account key is stored/,
    );
  });
});
