import { ADMIN_SCOPES, demoSeed } from '../../tools/emulator/demo-seed';
import { ALICE, BOB, type Harness, rowOfKey, sheetValues, startHarness } from '../support/harness';

/** What a person reads when the add-on's Cloud project, their grants or their privileges are not set up. */
describe('setup errors, on every Chat call', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const NO_CHAT_APP = /no Chat app is configured in the add-on's Google Cloud project: .*Configuration page/;

  it('a project without a Chat app: the space list, a member list and a live edit each say so, not "member left"', async () => {
    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', 'spaces/AAAALaunch');
      h.bundle.run('setLiveEditing', true);
    });
    await h.control.config({ chatAppConfigured: false });
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('listSpaces'))).toThrow(NO_CHAT_APP);
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAADesign'))).toThrow(
      /Could not (read the space|list the members): no Chat app is configured/,
    );
    const row = rowOfKey(h, 'Launch team', 'spaces/AAAALaunch/members/1003');
    h.env.sim.userEdit(ALICE, 'Launch team', `E${row}`, 'Manager');
    const status = sheetValues(h, 'Launch team')[row - 1]?.[5] ?? '';
    expect(status).toMatch(NO_CHAT_APP);
    expect(status).not.toMatch(/may have left/);
  });

  it('the Chat API turned off in the project: says where to turn it on', async () => {
    await h.control.config({ apiEnabled: false });
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('listSpaces'))).toThrow(
      /Could not list your spaces: the Google Chat API is turned off in the add-on's Google Cloud project: .*APIs & Services › Library › Google Chat API/,
    );
  });

  it('a permission the person did not grant: says to allow it again', async () => {
    const seed = demoSeed();
    const alice = seed.principals?.find((p) => p.token === 'tok-alice');
    if (!alice) throw new Error('no Alice in the demo seed');
    alice.scopes = alice.scopes.filter((s) => !s.endsWith('chat.spaces.readonly'));
    await h.control.reset(seed);
    expect(() => h.env.sim.as(ALICE, () => h.bundle.run('listSpaces'))).toThrow(
      /Could not list your spaces: the add-on is missing a permission it needs: open Extensions › Chat space roles again/,
    );
  });

  it('admin mode without the administrator privilege: says who grants it, or to turn admin mode off', async () => {
    const seed = demoSeed();
    const bob = seed.principals?.find((p) => p.token === 'tok-bob');
    if (!bob) throw new Error('no Bob in the demo seed');
    // The add-on asks for the admin scopes for everyone; only the privilege is missing.
    bob.scopes = ADMIN_SCOPES;
    await h.control.reset(seed);
    expect(() => h.env.sim.as(BOB, () => h.bundle.run('listSpaces', { admin: true }))).toThrow(
      /Could not search your organisation's spaces: your account does not have the Workspace administrator privilege for Google Chat: .*Admin console/,
    );
  });
});

describe('Check setup', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  type Line = { id: string; mark: string; detail: string };
  const check = (who: string, admin = false) =>
    Object.fromEntries(
      (h.env.sim.as(who, () => h.bundle.run('checkSetup', { admin })) as Line[]).map((l) => [l.id, l.mark]),
    );

  it('all set up for Alice: ✓ where checked, – for admin, key and live editing she does not use', () => {
    expect(check(ALICE)).toEqual({
      permissions: 'ok',
      api: 'ok',
      'chat-app': 'ok',
      admin: 'skipped',
      'app-key': 'skipped',
      'live-editing': 'skipped',
    });
  });

  it('shows ✗ on the Chat app line when none is configured, and on the API line when the API is off', async () => {
    await h.control.config({ chatAppConfigured: false });
    expect(check(ALICE)).toMatchObject({ api: 'ok', 'chat-app': 'failed' });
    await h.control.config({ apiEnabled: false });
    expect(check(ALICE)).toMatchObject({ api: 'failed', 'chat-app': 'skipped' });
  });

  it('checks the admin privilege only in admin mode', async () => {
    const seed = demoSeed();
    const bob = seed.principals?.find((p) => p.token === 'tok-bob');
    if (!bob) throw new Error('no Bob in the demo seed');
    bob.scopes = ADMIN_SCOPES;
    await h.control.reset(seed);
    expect(check(BOB, true).admin).toBe('failed');
    expect(check('ada.admin@example.com', true).admin).toBe('ok');
    expect(check(BOB, false).admin).toBe('skipped');
  });

  it('is on the menu too, as a dialog with the checklist', () => {
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Check setup'));
    const dialog = h.env.sim.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('Chat space roles');
    expect(JSON.stringify(dialog)).toMatch(/✓ Google Chat API reachable and turned on/);
    expect(JSON.stringify(dialog)).toMatch(/Everything checked is set up\./);
  });
});
