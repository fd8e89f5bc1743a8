/**
 * Issue 10 on a Chat-app sheet: the key holder's stored Chat app key is their power. A co-editor's edit, or a
 * co-editor's script pointing another sheet at the app's space, never makes the app write unconfirmed.
 */

import { generateKeyPairSync } from 'node:crypto';
import { demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, CAROL, type Harness, serverRole, startHarness } from '../support/harness';
import { asAttacker, MEMBER_SHEET_KEY } from './attacker';
import { apply, lastDialog, row, status, writes } from './support';

const SERVICE_ACCOUNT = 'roles-app@demo-project.iam.gserviceaccount.com';
const APP_SPACE = 'spaces/AAAAReleaseBots';

describe('a Chat-app sheet', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = JSON.stringify({
    type: 'service_account',
    project_id: 'demo-project',
    client_email: SERVICE_ACCOUNT,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  let h: Harness;
  let title: string;
  beforeEach(async () => {
    const seed = demoSeed();
    const app = seed.apps?.[0];
    if (!app) throw new Error('the demo seed has no app');
    app.serviceAccount = SERVICE_ACCOUNT;
    app.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    h = await startHarness(seed, { timeScale: 5 });
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => {
      h.bundle.run('saveAppKey', keyFile);
      h.bundle.run('loadSpace', APP_SPACE, { app: true });
      h.bundle.run('setLiveEditing', true);
    });
    title = h.env.spreadsheet.getActiveSheet().getName();
  });
  afterEach(() => h.stop());

  it("Carol's edit waits, is named in the key holder's confirmation, and is sent as the app only after Yes", async () => {
    const dan = row(h, title, `${APP_SPACE}/members/1004`);
    h.env.sim.userEdit(CAROL, title, `E${dan}`, 'Owner');
    expect(status(h, title, dan)).toMatch(/^⏳ .*Carol Diaz/);
    await h.control.clearRequests();
    apply(h, ALICE, 'NO');
    expect(lastDialog(h).prompt).toMatch(/Dan Wu: Member → Owner \(typed by Carol Diaz\)/);
    expect(lastDialog(h).prompt).toMatch(/Chat app key/);
    expect(await writes(h)).toEqual([]);
    apply(h, ALICE, 'YES');
    expect((await writes(h)).map((p) => [p.path, p.principal, p.status])).toEqual([
      ['/v1/spaces/AAAAReleaseBots/members/1004', 'users/app-roles', 200],
    ]);
  });

  it("a co-editor's sheet claiming the app's space with app access drives no write", async () => {
    asAttacker(h, CAROL, (s) => {
      const fake = s.ss.insertSheet('Bots');
      const binding = { space: APP_SPACE, spaceType: 'SPACE', title: 'Release bots', access: 'app' };
      fake.addDeveloperMetadata(MEMBER_SHEET_KEY, JSON.stringify(binding));
      fake.getRange(1, 1, 2, 9).setValues([
        ['Name', 'Email', 'Type', 'State', 'Role', 'Status', 'Membership (key)', 'Server role (key)', 'Snapshot (key)'],
        ['Dan Wu', 'dan@example.com', 'Person', 'Joined', 'Owner', '', `${APP_SPACE}/members/1004`, 'ROLE_MEMBER', ''],
      ]);
    });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(await writes(h)).toEqual([]);
    expect(await serverRole(h, APP_SPACE, 'users/1004')).toBe('ROLE_MEMBER');
  });
});
