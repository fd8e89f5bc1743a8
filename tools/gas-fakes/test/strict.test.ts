/**
 * The strict options (strict.ts): each behaviour on, and the default (off) where the default differs.
 * FIDELITY.md names the Google page behind each one.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSeed } from '../../emulator/demo-seed';
import { type EmulatorThread, startEmulatorThread } from '../../emulator/thread';
import {
  AUTHORIZATION_REQUIRED,
  type GasEnvironment,
  type GasEnvironmentOptions,
  type LoadedBundle,
  loadBundle,
  STRICT,
  type StrictOptions,
} from '../index';
import { lateDelays } from '../strict';
import { control, makeEnv, tempDist, USERS } from './helpers';

/** A product stand-in: installs triggers, lists and deletes them, and records what its handlers saw. */
const SCRIPT = `
function note(key, value) {
  var props = PropertiesService.getScriptProperties();
  var list = JSON.parse(props.getProperty(key) || '[]');
  list.push(value);
  props.setProperty(key, JSON.stringify(list));
}
function installEdit() { return ScriptApp.newTrigger('onRoleEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create().getUniqueId(); }
function scheduleLater() { return ScriptApp.newTrigger('later').timeBased().after(60000).create().getUniqueId(); }
function listTriggers() {
  return {
    user: ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return t.getHandlerFunction(); }),
    project: ScriptApp.getProjectTriggers().map(function (t) { return [t.getUniqueId(), t.getHandlerFunction()]; })
  };
}
function deleteById(id) {
  var found = ScriptApp.getProjectTriggers().filter(function (t) { return t.getUniqueId() === id; });
  ScriptApp.deleteTrigger(found[0]);
  return ScriptApp.getProjectTriggers().map(function (t) { return t.getUniqueId(); });
}
function onRoleEdit(e) { note('edits', { user: e.user.getEmail(), active: Session.getActiveUser().getEmail(), as: Session.getEffectiveUser().getEmail() }); }
function later() {
  note('later', {
    spreadsheet: SpreadsheetApp.getActive() === null,
    properties: PropertiesService.getDocumentProperties() === null,
    lock: LockService.getDocumentLock() === null
  });
}
function authInfo(scopes) {
  var info = scopes ? ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, scopes) : ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  return { status: String(info.getAuthorizationStatus()), url: info.getAuthorizationUrl() };
}
function requireScopes(scopes) { ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, scopes); return 'granted'; }
function sheetName() { return SpreadsheetApp.getActive().getName(); }
function me() { return Session.getActiveUser().getEmail(); }
`;

const SHEETS = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const SCRIPT_APP = 'https://www.googleapis.com/auth/script.scriptapp';
const CHAT = 'https://www.googleapis.com/auth/chat.memberships';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const DAVE = 'dave@outside.org';

const dist = tempDist();
const codePath = join(dist.dir, 'Code.js');
writeFileSync(codePath, SCRIPT);
afterAll(() => dist.cleanup());

let env: GasEnvironment;
let bundle: LoadedBundle;

function setup(strict: StrictOptions | undefined, more: Partial<GasEnvironmentOptions> = {}): void {
  env = makeEnv(dist.dir, {
    users: [...USERS, { email: DAVE, token: 'tok-dave' }],
    spreadsheet: { name: 'Roles', sheets: [{ name: 'Members', values: [['Name', 'Role']] }] },
    manifest: { oauthScopes: [SHEETS, SCRIPT_APP] },
    ...(strict === undefined ? {} : { strict }),
    ...more,
  });
  open.push(env);
  bundle = loadBundle(codePath, env);
}
const open: GasEnvironment[] = [];
afterEach(() => {
  for (const created of open.splice(0)) created.dispose();
});
const as = <T>(email: string, fn: () => T): T => env.sim.as(email, fn);
const noted = (key: string) => JSON.parse(env.sim.properties.script.values.get(key) ?? '[]') as unknown[];

describe('STRICT preset', () => {
  it('turns on every strict behaviour except test-deployment mode', () => {
    expect(STRICT).toEqual({
      hideClockTriggersFromUserTriggers: true,
      lateTriggers: { seed: 11, minMs: 10_000, maxMs: 120_000 },
      otherDocumentTriggers: {},
      scopeChangeNeedsReauthorization: true,
      noDocumentInTimeTriggers: true,
      lowercaseHeaders: true,
      ownerDomain: 'example.com',
    });
    expect(Object.isFrozen(STRICT)).toBe(true);
  });
});

describe('1. finding triggers', () => {
  it.each([
    [true, ['onRoleEdit']],
    [false, ['onRoleEdit', 'later']],
  ])('getUserTriggers(ss) with hideClockTriggersFromUserTriggers %s lists %j', (hide, expected) => {
    setup({ hideClockTriggersFromUserTriggers: hide });
    as(ALICE, () => bundle.call('installEdit'));
    as(ALICE, () => bundle.call('scheduleLater'));
    expect(as(ALICE, () => bundle.call('listTriggers'))).toMatchObject({ user: expected });
  });

  it('getProjectTriggers lists the user’s clock triggers too, with stable ids, and deletes the one found by id', () => {
    setup(STRICT);
    const editId = as(ALICE, () => bundle.call('installEdit')) as string;
    const clockId = as(ALICE, () => bundle.call('scheduleLater')) as string;
    as(BOB, () => bundle.call('scheduleLater'));
    const first = as(ALICE, () => bundle.call('listTriggers')) as { project: string[][] };
    expect(first.project).toEqual([
      [editId, 'onRoleEdit'],
      [clockId, 'later'],
    ]);
    expect(as(ALICE, () => bundle.call('listTriggers'))).toEqual(first);
    expect(as(ALICE, () => bundle.call('deleteById', clockId))).toEqual([editId]);
    expect(env.sim.triggers().map((t) => [t.creator, t.handler])).toEqual([
      [ALICE, 'onRoleEdit'],
      [BOB, 'later'],
    ]);
  });
});

describe('2. late one-off triggers', () => {
  it('fire a seeded random 10–120 s after the time asked for, never before', () => {
    setup({ lateTriggers: { seed: 7 } });
    as(ALICE, () => bundle.call('scheduleLater'));
    const [record] = env.sim.triggers();
    const late = record?.lateByMs ?? 0;
    expect(late).toBeGreaterThanOrEqual(10_000);
    expect(late).toBeLessThanOrEqual(120_000);
    expect(record?.dueAt).toBe((record?.createdAt ?? 0) + 60_000 + late);
    env.sim.advance(60_000);
    expect(env.sim.fireTimeTriggers()).toEqual([]);
    env.sim.advance(late);
    expect(env.sim.fireTimeTriggers()).toHaveLength(1);
  });

  it('draw the same delays for the same seed, spread over the whole range', () => {
    const draw = (seed: number) => Array.from({ length: 200 }, lateDelays({ seed }));
    const delays = draw(3);
    expect(draw(3)).toEqual(delays);
    expect(draw(4)).not.toEqual(delays);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(120_000);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(90_000);
    expect(Array.from({ length: 5 }, lateDelays({ seed: 1, minMs: 500, maxMs: 500 }))).toEqual([
      500, 500, 500, 500, 500,
    ]);
  });

  it('are on time by default', () => {
    setup(undefined);
    as(ALICE, () => bundle.call('scheduleLater'));
    expect(env.sim.triggers()[0]).toMatchObject({
      lateByMs: 0,
      dueAt: (env.sim.triggers()[0]?.createdAt ?? 0) + 60_000,
    });
  });
});

describe('3. test deployment', () => {
  it('creates installable triggers without error but never fires them', () => {
    setup({ ...STRICT, testDeployment: true });
    as(ALICE, () => bundle.call('installEdit'));
    as(ALICE, () => bundle.call('scheduleLater'));
    expect(env.sim.triggers()).toHaveLength(2);
    expect(env.sim.userEdit(BOB, 'Members', 'B2', 'Manager').runs).toEqual([]);
    env.sim.advance(3_600_000);
    expect(env.sim.fireTimeTriggers({ advance: true })).toEqual([]);
    expect(env.sim.triggerRuns).toEqual([]);
    expect(noted('edits')).toEqual([]);
  });
});

describe('4. add-on trigger limits', () => {
  it('refuse a second clock trigger per user per document', () => {
    setup(STRICT);
    as(ALICE, () => bundle.call('scheduleLater'));
    expect(() => as(ALICE, () => bundle.call('scheduleLater'))).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account',
    );
    expect(() => as(BOB, () => bundle.call('scheduleLater'))).not.toThrow();
  });

  it('count a user’s triggers in other spreadsheets toward the 20 per user per script', () => {
    setup({ ...STRICT, otherDocumentTriggers: { [ALICE]: 19 } });
    as(ALICE, () => bundle.call('installEdit'));
    const tooMany =
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
    expect(() => as(ALICE, () => bundle.call('scheduleLater'))).toThrow(tooMany);
    expect(() => as(BOB, () => bundle.call('scheduleLater'))).not.toThrow();
    env.sim.setOtherDocumentTriggers(BOB, 20);
    expect(() => as(BOB, () => bundle.call('installEdit'))).toThrow(tooMany);
    env.sim.setOtherDocumentTriggers(ALICE, 18);
    expect(() => as(ALICE, () => bundle.call('scheduleLater'))).not.toThrow();
  });
});

describe('5. authorisation', () => {
  it('after a scope change, skips every existing trigger of every user until that user authorises again', () => {
    setup(STRICT);
    as(ALICE, () => bundle.call('installEdit'));
    as(BOB, () => bundle.call('installEdit'));
    as(ALICE, () => bundle.call('scheduleLater'));
    env.sim.addScopes([CHAT]);
    const runs = env.sim.userEdit(DAVE, 'Members', 'B2', 'Manager').runs;
    expect(runs.map((r) => [r.effectiveUser, r.skipped, r.error])).toEqual([
      [ALICE, 'authorization-required', null],
      [BOB, 'authorization-required', null],
    ]);
    expect(env.sim.fireTimeTriggers({ advance: true }).map((r) => r.skipped)).toEqual(['authorization-required']);
    expect(noted('edits')).toEqual([]);
    expect(noted('later')).toEqual([]);
    expect(as(ALICE, () => bundle.call('authInfo'))).toEqual({
      status: 'REQUIRED',
      url: 'https://script.google.com/macros/d/1FakeScriptId/authorize',
    });

    env.sim.authorize(ALICE);
    expect(as(ALICE, () => bundle.call('authInfo'))).toEqual({ status: 'NOT_REQUIRED', url: null });
    expect(as(BOB, () => bundle.call('authInfo'))).toMatchObject({ status: 'REQUIRED' });
    const after = env.sim.userEdit(DAVE, 'Members', 'B2', 'Member').runs;
    expect(after.map((r) => [r.effectiveUser, r.skipped ?? 'ran'])).toEqual([
      [ALICE, 'ran'],
      [BOB, 'authorization-required'],
    ]);
    expect(noted('edits')).toHaveLength(1);
  });

  it('withholds only the added scopes: calls needing them throw until the person authorises, others go ahead', () => {
    setup(STRICT, { manifest: null });
    env.sim.addScopes([CHAT]);
    expect(as(ALICE, () => bundle.call('sheetName'))).toBe('Roles');
    expect(as(ALICE, () => bundle.call('authInfo', [SHEETS]))).toEqual({ status: 'NOT_REQUIRED', url: null });
    expect(() => as(ALICE, () => bundle.call('requireScopes', [CHAT]))).toThrow(AUTHORIZATION_REQUIRED);
    env.sim.authorize(ALICE);
    expect(as(ALICE, () => bundle.call('requireScopes', [CHAT]))).toBe('granted');
  });

  it('without scopeChangeNeedsReauthorization the new scopes count as granted', () => {
    setup(undefined);
    as(ALICE, () => bundle.call('installEdit'));
    env.sim.addScopes([CHAT]);
    expect(env.sim.userEdit(BOB, 'Members', 'B2', 'Manager').runs.map((r) => r.skipped)).toEqual([undefined]);
    expect(as(ALICE, () => bundle.call('authInfo', [CHAT]))).toEqual({ status: 'NOT_REQUIRED', url: null });
  });

  it('granular consent: reports and refuses the scopes a person did not grant', () => {
    setup(STRICT);
    env.sim.grantOnly(BOB, [SCRIPT_APP]);
    expect(as(BOB, () => bundle.call('authInfo', [SCRIPT_APP]))).toEqual({ status: 'NOT_REQUIRED', url: null });
    expect(as(BOB, () => bundle.call('authInfo', [SHEETS]))).toMatchObject({ status: 'REQUIRED' });
    expect(as(BOB, () => bundle.call('authInfo'))).toMatchObject({ status: 'REQUIRED' });
    expect(as(BOB, () => bundle.call('requireScopes', [SCRIPT_APP]))).toBe('granted');
    expect(() => as(BOB, () => bundle.call('requireScopes', [SCRIPT_APP, SHEETS]))).toThrow(AUTHORIZATION_REQUIRED);
    expect(() => as(BOB, () => bundle.call('sheetName'))).toThrow(AUTHORIZATION_REQUIRED);
    expect(as(ALICE, () => bundle.call('sheetName'))).toBe('Roles');
    env.sim.authorize(BOB);
    expect(as(BOB, () => bundle.call('sheetName'))).toBe('Roles');
  });
});

describe('6. no document inside time triggers', () => {
  it.each([
    [true, { spreadsheet: true, properties: true, lock: true }],
    [false, { spreadsheet: false, properties: false, lock: false }],
  ])('noDocumentInTimeTriggers %s: null document, properties, lock: %j', (noDocument, expected) => {
    setup({ ...STRICT, noDocumentInTimeTriggers: noDocument });
    as(ALICE, () => bundle.call('scheduleLater'));
    const [run] = env.sim.fireTimeTriggers({ advance: true });
    expect(run?.error).toBeNull();
    expect(noted('later')).toEqual([expected]);
  });

  it('keeps the document outside time triggers', () => {
    setup(STRICT);
    expect(as(ALICE, () => bundle.call('sheetName'))).toBe('Roles');
    expect(env.sim.as(ALICE, () => env.globals.LockService.getDocumentLock())).not.toBeNull();
  });
});

describe('8. owner domain', () => {
  it('hides the email of anyone outside the owner’s domain, in Session and in other users’ edit events', () => {
    setup({ ownerDomain: 'example.com' });
    expect(as(DAVE, () => bundle.call('me'))).toBe('');
    expect(as(BOB, () => bundle.call('me'))).toBe(BOB);
    as(ALICE, () => bundle.call('installEdit'));
    env.sim.userEdit(DAVE, 'Members', 'B2', 'Manager');
    env.sim.userEdit(BOB, 'Members', 'B2', 'Member');
    expect(noted('edits')).toEqual([
      { user: '', active: '', as: ALICE },
      { user: BOB, active: BOB, as: ALICE },
    ]);
  });

  it('shows everyone’s email by default (unless hideEmail)', () => {
    setup(undefined);
    expect(as(DAVE, () => bundle.call('me'))).toBe(DAVE);
  });
});

describe('7. response header names', () => {
  let emulator: EmulatorThread;
  beforeAll(async () => {
    emulator = await startEmulatorThread({ seed: demoSeed() });
    await control(emulator.url).config({ latencyMs: 0 });
  });
  afterAll(async () => emulator.stop());

  it.each([
    [true, 'content-type'],
    [false, 'Content-Type'],
  ])('lowercaseHeaders %s: getAllHeaders and getHeaders name it %s', (lower, name) => {
    setup({ lowercaseHeaders: lower }, { chatBaseUrl: emulator.url, manifest: null });
    const res = env.globals.UrlFetchApp.fetch('https://chat.googleapis.com/v1/spaces/AAAALaunch/members', {
      headers: { Authorization: 'Bearer tok-alice' },
    });
    expect(Object.keys(res.getAllHeaders())).toContain(name);
    expect(Object.keys(res.getHeaders())).toContain(name);
    expect((res.getHeaders() as Record<string, string>)[name]).toMatch(/application\/json/);
  });
});
