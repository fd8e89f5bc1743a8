import { generateKeyPairSync } from 'node:crypto';
import { type GasEnvironment, HardStopError, PROPERTY_STORE_LIMIT, VirtualClock } from '../index';
import { makeEnv, tempDist } from './helpers';

const dist = tempDist();
let env: GasEnvironment;
let clock: VirtualClock;

beforeEach(() => {
  clock = new VirtualClock(Date.UTC(2025, 0, 6, 9, 0, 0));
  env = makeEnv(dist.dir, { clock });
});
afterAll(() => dist.cleanup());

describe('call counters', () => {
  it('count one round trip per method call on any service object', () => {
    const sheet = env.globals.SpreadsheetApp.getActive().getActiveSheet();
    const block = sheet.getRange(1, 1, 10, 3);
    block.setValues(Array.from({ length: 10 }, (_, i) => [i, `n${i}`, true]));
    block.getValues();
    for (let r = 1; r <= 10; r++) sheet.getRange(r, 1).getValue();
    expect(env.calls).toMatchObject({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getActiveSheet': 1,
      'Sheet.getRange': 11,
      'Range.setValues': 1,
      'Range.getValues': 1,
      'Range.getValue': 10,
    });
    expect(env.sim.totalCalls('Range.')).toBe(12);
    // The tests' inspection view is not counted.
    env.spreadsheet.getActiveSheet().getRange('A1').getValue();
    expect(env.sim.totalCalls()).toBe(25);
  });
});

describe('PropertiesService', () => {
  it('stores strings only, per effective user', () => {
    const props = () => env.globals.PropertiesService.getUserProperties();
    env.sim.as('alice@example.com', () => props().setProperty('n', 5 as unknown as string));
    expect(env.sim.as('alice@example.com', () => props().getProperty('n'))).toBe('5');
    expect(env.sim.as('bob@example.com', () => props().getProperty('n'))).toBeNull();
  });

  it('throws over 9 KB per value and 500 KB per store, storing nothing', () => {
    const doc = env.globals.PropertiesService.getDocumentProperties();
    expect(() => doc.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    doc.setProperty('fits', 'x'.repeat(9 * 1024));
    const chunk = 'y'.repeat(9000);
    expect(() => {
      for (let i = 0; i < 60; i++) doc.setProperty(`k${i}`, chunk);
    }).toThrow('You have exceeded the property storage quota');
    expect(env.sim.properties.document.size()).toBeLessThanOrEqual(PROPERTY_STORE_LIMIT);
    expect(doc.getProperty('big')).toBeNull();
  });

  it('counts the store size (UTF-8 keys and values) however values change, so its quota check stays right', () => {
    const doc = env.globals.PropertiesService.getDocumentProperties();
    const store = env.sim.properties.document;
    doc.setProperties({ a: 'xx', 角色: '擁有者' });
    doc.setProperty('a', 'x');
    store.values.set('direct', '12345');
    doc.deleteProperty('角色');
    const recount = () => [...store.values].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    expect(store.size()).toBe(recount());
    expect(store.size()).toBe(2 + 11);
    doc.setProperties({ only: 'y' }, true);
    expect(store.size()).toBe(recount());
    // A value just under the limit next to the others is refused when replacing one would overflow the store.
    for (let i = 0; i < 55; i++) doc.setProperty(`k${i}`, 'z'.repeat(9000));
    expect(() => doc.setProperty('k0', 'z'.repeat(9 * 1024))).not.toThrow();
    expect(() => doc.setProperties({ n1: 'z'.repeat(9000), n2: 'z'.repeat(9000) })).toThrow('property storage quota');
    expect(store.size()).toBe(recount());
  });
});

describe('LockService', () => {
  it('tryLock waits on the fake clock and fails while another execution holds the lock', () => {
    const held = env.sim.holdLock('document');
    const lock = env.globals.LockService.getDocumentLock();
    const before = clock.now();
    expect(lock.tryLock(5000)).toBe(false);
    expect(clock.now() - before).toBe(5000);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout');
    held.release();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('acquires as soon as the other execution lets go within the wait', () => {
    env.sim.holdLock('document', { releaseAfterMs: 1500 });
    const before = clock.now();
    expect(env.globals.LockService.getDocumentLock().tryLock(10_000)).toBe(true);
    expect(clock.now() - before).toBe(1500);
  });

  it('a dialog releases the locks of the execution that shows it', () => {
    const lock = env.globals.LockService.getDocumentLock();
    expect(lock.tryLock(0)).toBe(true);
    env.sim.ui.answerAlert('YES');
    const ui = env.globals.SpreadsheetApp.getUi();
    expect(ui.alert('Apply?', 'Apply 3 changes?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(lock.hasLock()).toBe(false);
    expect(env.sim.ui.dialogs[0]).toMatchObject({ kind: 'alert', title: 'Apply?', button: 'YES' });
  });

  it('releases an execution’s locks when it ends', () => {
    env.sim.as('alice@example.com', () => env.globals.LockService.getDocumentLock().tryLock(0));
    expect(env.sim.as('bob@example.com', () => env.globals.LockService.getDocumentLock().tryLock(0))).toBe(true);
  });
});

describe('CacheService', () => {
  it('expires entries on the fake clock', () => {
    const cache = env.globals.CacheService.getScriptCache();
    cache.put('a', '1', 60);
    cache.putAll({ b: '2', c: '3' });
    clock.advance(59_000);
    expect(cache.getAll(['a', 'b', 'x'])).toEqual({ a: '1', b: '2' });
    clock.advance(1_000);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('c')).toBe('3');
    clock.advance(540_000);
    expect(cache.get('c')).toBeNull();
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  });
});

describe('hard stop', () => {
  it('stops after N service calls, then every further call of that execution throws', () => {
    env.sim.hardStop({ afterCalls: 2 });
    const app = env.globals.SpreadsheetApp;
    app.getActive();
    app.getActive();
    expect(() => app.getActive()).toThrow(HardStopError);
    expect(() => app.flush()).toThrow(HardStopError);
  });

  it('stops at a clock time, also in the middle of a sleep', () => {
    env.sim.hardStop({ afterMs: 10_000 });
    env.globals.Utilities.sleep(9_000);
    expect(() => env.globals.Utilities.sleep(5_000)).toThrow(/hard stop/);
    expect(clock.now()).toBe(Date.UTC(2025, 0, 6, 9, 0, 10));
  });

  it("'after' lets the stopping call take effect before the execution dies", () => {
    const doc = env.globals.PropertiesService.getDocumentProperties();
    env.sim.hardStop({ afterCalls: 0, when: 'after' });
    expect(() => doc.setProperty('k', 'v')).toThrow(HardStopError);
    expect(env.sim.properties.document.values.get('k')).toBe('v');
  });
});

describe('Utilities, Session, Logger', () => {
  it('formats dates, encodes, signs and sleeps on the clock', () => {
    const u = env.globals.Utilities;
    const date = new Date(Date.UTC(2024, 0, 2, 15, 4, 5));
    expect(u.formatDate(date, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss XXX EEE")).toBe(
      '2024-01-02T10:04:05 -05:00 Tue',
    );
    expect(u.base64Encode('héllo')).toBe(Buffer.from('héllo').toString('base64'));
    expect(u.newBlob(u.base64Decode(u.base64Encode('héllo'))).getDataAsString()).toBe('héllo');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const signature = u.computeRsaSha256Signature(
      'payload',
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    expect(signature).toHaveLength(128);
    expect(Math.min(...signature)).toBeLessThan(0);
    expect(u.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    u.sleep(30_000);
    expect(clock.now()).toBe(Date.UTC(2025, 0, 6, 9, 0, 30));
  });

  it('knows active and effective users and records log lines', () => {
    env.sim.as('bob@example.com', () => {
      expect(env.globals.Session.getActiveUser().getEmail()).toBe('bob@example.com');
      env.globals.Logger.log('hello %s', 'world');
      env.globals.console.warn('careful', { n: 1 });
    });
    expect(env.logs.map((l) => [l.level, l.message, l.user])).toEqual([
      ['Logger', 'hello world', 'bob@example.com'],
      ['warn', 'careful { n: 1 }', 'bob@example.com'],
    ]);
    expect(env.recorded()).toEqual(expect.arrayContaining(['hello world']));
  });
});
