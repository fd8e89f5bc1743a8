/**
 * Privilege scan: in user, admin and app mode, an edit by anyone but the owner of a sheet's trigger is never sent with
 * the owner's credentials (the emulator logs who each call authenticated as), and no credential — user tokens, the
 * Chat app's tokens, the service account's private key — is stored or printed anywhere the fakes can see (cells,
 * notes, properties, caches, logs, toasts, dialogs, metadata, trigger names), except where it has to live: the key in
 * its owner's user properties, and the app's short-lived token in its owner's user cache.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SERVICE_ACCOUNT, demoSeed } from '../../tools/emulator/demo-seed';
import type { RecordedText } from '../../tools/gas-fakes';
import {
  ALICE,
  BOB,
  CAROL,
  type EmulatorRequest,
  type Harness,
  ROOT,
  rowOfKey,
  startHarness,
  TOKENS,
} from '../support/harness';

const ADA = 'ada.admin@example.com';
const OUTSIDER = 'outsider@other.example';
const PRINCIPAL: Record<string, string> = {
  [ALICE]: 'users/1001',
  [BOB]: 'users/1002',
  [CAROL]: 'users/1003',
  [ADA]: 'users/1900',
};
const APP = 'users/app-roles';
const PRIVATE_PEM = readFileSync(join(ROOT, 'tools/emulator/demo-app-key.pem'), 'utf8').replace(
  /^[\s\S]*?(?=-----BEGIN)/,
  '',
);
const KEY_FILE = JSON.stringify({
  type: 'service_account',
  project_id: 'demo-project',
  client_email: DEMO_SERVICE_ACCOUNT,
  private_key: PRIVATE_PEM,
  token_uri: 'https://oauth2.googleapis.com/token',
});
/** Every 40-character line of the private key's base64 body: finding any one of them anywhere is a leak. */
const KEY_LINES = PRIVATE_PEM.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
const APP_TOKEN = /ya29\.emu-[A-Za-z0-9_-]+/;

const writes = async (h: Harness): Promise<EmulatorRequest[]> =>
  (await h.control.requests()).filter((r) => r.method === 'PATCH');

/** Sheet edits of a person, and the Chat writes they caused. */
async function edit(h: Harness, who: string, title: string, key: string, role: string): Promise<EmulatorRequest[]> {
  await h.control.clearRequests();
  h.env.sim.userEdit(who, title, `E${rowOfKey(h, title, key)}`, role, { throwOnError: false });
  return writes(h);
}

function status(h: Harness, title: string, key: string): string {
  return String(
    h.env.spreadsheet
      .getSheetByName(title)
      ?.getRange(`F${rowOfKey(h, title, key)}`)
      .getValue(),
  );
}

/** Recorded texts holding a credential, other than its one allowed place. */
function leaks(entries: readonly RecordedText[]): string[] {
  const found: string[] = [];
  for (const e of entries) {
    for (const token of TOKENS) if (e.text.includes(token)) found.push(`${token} in ${e.source}`);
    if (APP_TOKEN.test(e.text) && !/^cache user:alice@example\.com:appAccessToken$/.test(e.source))
      found.push(`an app token in ${e.source}`);
    if (
      KEY_LINES.some((line) => e.text.includes(line)) &&
      e.source !== 'property user:alice@example.com:serviceAccountKey'
    )
      found.push(`the private key in ${e.source}`);
  }
  return found;
}

describe('privilege scan', () => {
  let h: Harness;
  beforeAll(async () => {
    // A gentle time scale: the app's JWT times are checked against the wall clock.
    h = await startHarness(demoSeed(), { timeScale: 5 });
    h.bundle.simpleTrigger('onOpen');
  });
  afterAll(() => h.stop());
  afterEach(() => {
    // Each mode starts with only the sheet owner's live editing on.
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', false));
  });

  it('user mode: edits by others are never sent with the trigger owner’s token', async () => {
    const space = 'spaces/AAAALaunch';
    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', space);
      h.bundle.run('setLiveEditing', true);
    });
    const title = 'Launch team';
    const dan = `${space}/members/1004`;
    // Bob, Carol and someone whose email Google hides have no live editing: their edits wait, unsent.
    for (const [who, role] of [
      [BOB, 'Manager'],
      [CAROL, 'Owner'],
      [OUTSIDER, 'Manager'],
    ] as const) {
      expect(await edit(h, who, title, dan, role)).toEqual([]);
      expect(status(h, title, dan)).toMatch(/^⏳ Pending: typed by/);
    }
    expect(await edit(h, ALICE, title, dan, 'Member')).toEqual([]);
    // With live editing on, Bob's own trigger applies his edit, as Bob.
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const sent = await edit(h, BOB, title, dan, 'Manager');
    expect(sent.map((r) => [r.principal, r.status])).toEqual([[PRINCIPAL[BOB], 200]]);
    // Carol's pending edit is applied by whoever applies it, in their own name.
    await edit(h, CAROL, title, `${space}/members/1003`, 'Manager');
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(BOB, () => h.bundle.clickMenu('Apply pending role changes'));
    const applied = await writes(h);
    expect(applied.filter((r) => r.status === 200).map((r) => r.path)).toEqual([`/v1/${space}/members/1003`]);
    expect(new Set(applied.map((r) => r.principal))).toEqual(new Set([PRINCIPAL[BOB]]));
  });

  it('admin mode: an admin sheet never lends the admin’s rights to another editor', async () => {
    const space = 'spaces/AAAAFinance';
    const loaded = h.env.sim.as(ADA, () => {
      const result = h.bundle.run('loadSpace', space, { admin: true }) as { sheetName: string };
      h.bundle.run('setLiveEditing', true);
      return result;
    });
    const dan = `${space}/members/1004`;
    // Bob is an Owner of Finance, but not an admin: his edit on Ada's admin sheet waits for him.
    expect(await edit(h, BOB, loaded.sheetName, dan, 'Manager')).toEqual([]);
    expect(status(h, loaded.sheetName, dan)).toMatch(/^⏳ Pending: typed by (Bob Ortiz|bob@example\.com)/);
    // With his own live editing on, Bob's trigger sends it with his own token (and Chat refuses admin access to him).
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const sent = await edit(h, BOB, loaded.sheetName, dan, 'Owner');
    expect(sent.map((r) => r.principal)).not.toContain(PRINCIPAL[ADA]);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.principal === PRINCIPAL[BOB] && r.query.useAdminAccess === 'true')).toBe(true);
    // Ada's own edit uses admin access, as Ada.
    const own = await edit(h, ADA, loaded.sheetName, dan, 'Manager');
    expect(own.map((r) => [r.principal, r.query.useAdminAccess, r.status])).toEqual([[PRINCIPAL[ADA], 'true', 200]]);
  });

  it('app mode: only the key’s owner acts as the Chat app', async () => {
    const space = 'spaces/AAAAReleaseBots';
    h.env.sim.as(ALICE, () => h.bundle.run('saveAppKey', KEY_FILE));
    const loaded = h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', space, { app: true }) as { sheetName: string });
    const dan = `${space}/members/1004`;
    expect(await edit(h, BOB, loaded.sheetName, dan, 'Manager')).toEqual([]);
    expect(status(h, loaded.sheetName, dan)).toMatch(/^⏳ Pending: typed by (Bob Ortiz|bob@example\.com)/);
    expect(await edit(h, CAROL, loaded.sheetName, dan, 'Manager')).toEqual([]);
    // Bob turns live editing on: he has no key of his own, so nothing is sent as the app for him.
    h.env.sim.as(BOB, () => h.bundle.run('setLiveEditing', true));
    const sent = await edit(h, BOB, loaded.sheetName, dan, 'Owner');
    expect(sent).toEqual([]);
    expect(status(h, loaded.sheetName, dan)).toMatch(/^✗ Failed: No service-account key is stored/);
    // Alice's own edit goes as the app.
    const own = await edit(h, ALICE, loaded.sheetName, `${space}/members/1003`, 'Manager');
    expect(own.map((r) => [r.principal, r.status])).toEqual([[APP, 200]]);
  });

  it('stores and prints no credential, anywhere, in any of the modes above', async () => {
    const entries = h.env.recordedEntries();
    expect(entries.length).toBeGreaterThan(200);
    // The scan can see what it looks for: the key is in its slot, the app's token in its owner's cache.
    expect(entries.some((e) => KEY_LINES.some((line) => e.text.includes(line)))).toBe(true);
    expect(entries.some((e) => APP_TOKEN.test(e.text))).toBe(true);
    expect((await h.control.requests()).length).toBeGreaterThan(0);
    expect(leaks(entries)).toEqual([]);
  });
});
