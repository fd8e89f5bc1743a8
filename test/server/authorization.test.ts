/**
 * Live editing that says when it is not working: authorisation and granted scopes are checked when the sidebar
 * opens and before live editing is turned on (strict fakes: a scope change stops triggers until re-authorisation,
 * granular consent, the 20-trigger limit across spreadsheets).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STRICT } from '../../tools/gas-fakes';
import { ALICE, type Harness, ROOT, startHarness } from '../support/harness';

const AUTH = 'https://www.googleapis.com/auth/';
const DECLARED = (JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] })
  .oauthScopes;

interface State {
  liveEditing: boolean;
  authorization: { needsAuthorization: boolean; missing: string[]; notes: string[] };
}

const state = (h: Harness) => h.env.sim.as(ALICE, () => h.bundle.run('getSidebarState')) as State;
const turnOn = (h: Harness) => h.env.sim.as(ALICE, () => h.bundle.run('setLiveEditing', true)) as State;

describe('live editing that says when it is not working', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(undefined, { strict: STRICT });
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(async () => h.stop());

  it('all granted: nothing to say, and live editing turns on', () => {
    expect(state(h).authorization).toMatchObject({ needsAuthorization: false, missing: [], notes: [] });
    expect(turnOn(h).liveEditing).toBe(true);
  });

  it('after a version adds scopes: the sidebar says to authorise again, and live editing is not turned on until then', () => {
    h.env.sim.addScopes([`${AUTH}drive.file`]);
    const before = state(h).authorization;
    expect(before.needsAuthorization).toBe(true);
    expect(before.notes.join(' ')).toMatch(/authorise it again/);
    expect(() => turnOn(h)).toThrow(/authorise it again/);
    expect(state(h).liveEditing).toBe(false);
    h.env.sim.authorize(ALICE);
    expect(state(h).authorization.notes).toEqual([]);
    expect(turnOn(h).liveEditing).toBe(true);
  });

  it('a person who did not grant the admin and directory scopes is told which features cannot work', () => {
    const optional = [
      `${AUTH}chat.admin.memberships`,
      `${AUTH}chat.admin.spaces.readonly`,
      `${AUTH}directory.readonly`,
      `${AUTH}admin.directory.user.readonly`,
    ];
    h.env.sim.grantOnly(
      ALICE,
      DECLARED.filter((s) => !optional.includes(s)),
    );
    const { authorization } = state(h);
    expect(authorization.needsAuthorization).toBe(false);
    expect(authorization.missing).toEqual(['admin', 'names']);
    expect(authorization.notes.join(' ')).toMatch(/Chat admin access.*directory/s);
    // Live editing needs neither: it still turns on.
    expect(turnOn(h).liveEditing).toBe(true);
  });

  it('trigger scope not granted: live editing says so instead of failing later', () => {
    h.env.sim.grantOnly(
      ALICE,
      DECLARED.filter((s) => s !== `${AUTH}script.scriptapp`),
    );
    expect(state(h).authorization.missing).toEqual(['liveEditing']);
    expect(() => turnOn(h)).toThrow(/manage its triggers/);
  });

  it('the 20-trigger limit across spreadsheets: live editing says plainly why it cannot turn on', () => {
    h.env.sim.setOtherDocumentTriggers(ALICE, 20);
    expect(() => turnOn(h)).toThrow(/trigger limit/);
    expect(state(h).liveEditing).toBe(false);
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Turn live editing on/off'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toMatch(/trigger limit/);
  });
});
