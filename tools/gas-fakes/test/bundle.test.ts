import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HardStopError, loadBundle } from '../index';
import { makeEnv, tempDist } from './helpers';

const SCRIPT = `
var counter = 0;
function hello() { return SpreadsheetApp.getActive().getName(); }
function bump() { counter += 1; return counter; }
function dateChecks() {
  SpreadsheetApp.getActiveSheet().getRange('A1').setValue('2024-05-06');
  var v = SpreadsheetApp.getActiveSheet().getRange('A1').getValue();
  var before = Date.now();
  Utilities.sleep(120000);
  return { isDate: v instanceof Date, isArray: SpreadsheetApp.getActiveSheet().getRange('A1:B1').getValues() instanceof Array,
           slept: Date.now() - before, now: new Date().toISOString() };
}
function errorCheck() {
  try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { return { isError: e instanceof Error, message: e.message }; }
}
function forSidebar() { return { when: new Date(), n: 1 }; }
function plain(a) { return { echo: a }; }
function secret_() { return 'no'; }
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Say hello', 'hello').addToUi();
  return String(e.authMode);
}
function scheduleLater() { ScriptApp.newTrigger('later').timeBased().after(60000).create(); }
function later(e) {
  PropertiesService.getDocumentProperties().setProperty('later', ScriptApp.getOAuthToken() + '|' + Session.getActiveUser().getEmail() + '|' + Session.getEffectiveUser().getEmail());
}
function page() {
  var t = HtmlService.createTemplateFromFile('Page');
  t.title = '<b>Roles</b>';
  var out = t.evaluate().setTitle('Chat roles');
  SpreadsheetApp.getUi().showSidebar(out);
  return out.getContent();
}
function helper() { return 'from helper'; }
function swallow() {
  for (var i = 0; i < 10; i++) {
    try { SpreadsheetApp.getActiveSheet().getRange(i + 1, 1).setValue(i); } catch (e) { /* product bug: swallows everything */ }
  }
  return 'finished';
}
`;

const dist = tempDist({ 'Page.html': '<h1><?= title ?></h1><p><?!= helper() ?></p>' });
const codePath = join(dist.dir, 'Code.js');
writeFileSync(codePath, SCRIPT);
afterAll(() => dist.cleanup());

const setup = () => {
  const env = makeEnv(dist.dir, { spreadsheet: { name: 'Team roles' } });
  return { env, bundle: loadBundle(codePath, env) };
};

describe('loadBundle', () => {
  it('calls a top-level function by name', () => {
    const { env, bundle } = setup();
    expect(bundle.call('hello')).toBe('Team roles');
    expect(env.calls['SpreadsheetApp.getActive']).toBe(1);
    expect(env.calls['Spreadsheet.getName']).toBe(1);
  });

  it('starts every execution from a fresh global scope, as Apps Script does', () => {
    const { bundle } = setup();
    expect([bundle.call('bump'), bundle.call('bump')]).toEqual([1, 1]);
  });

  it('gives the bundle values of its own realm and a Date that follows the fake clock', () => {
    const { bundle } = setup();
    const result = bundle.call('dateChecks') as Record<string, unknown>;
    expect(result).toMatchObject({ isDate: true, isArray: true, slept: 120000 });
    expect(bundle.call('errorCheck')).toEqual({
      isError: true,
      message: 'The starting row of the range is too small.',
    });
  });

  it('google.script.run refuses private functions and turns a result with a Date into null', () => {
    const { bundle } = setup();
    expect(() => bundle.run('secret_')).toThrow('is not a function');
    expect(bundle.run('forSidebar')).toBeNull();
    expect(bundle.run('plain', { a: [1, 'x'] })).toEqual({ echo: { a: [1, 'x'] } });
    expect(() => bundle.run('plain', new Date())).toThrow('illegal value');
  });

  it('runs simple triggers in their auth mode and clicks recorded menus', () => {
    const { env, bundle } = setup();
    expect(bundle.simpleTrigger('onOpen')).toBe('LIMITED');
    expect(env.sim.ui.menuItems()).toEqual([
      { path: 'Add-on > Say hello', caption: 'Say hello', functionName: 'hello' },
    ]);
    expect(bundle.clickMenu('Say hello')).toBe('Team roles');
  });

  it('fires one-off time triggers as their creator, who then still owns it until deleted', () => {
    const { env, bundle } = setup();
    env.sim.as('bob@example.com', () => bundle.call('scheduleLater'));
    expect(env.sim.fireTimeTriggers()).toEqual([]);
    const runs = env.sim.fireTimeTriggers({ advance: true });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.error).toBeNull();
    expect(env.sim.properties.document.values.get('later')).toBe('tok-bob||bob@example.com');
    expect(env.sim.triggers()).toHaveLength(1);
    expect(() => env.sim.as('bob@example.com', () => bundle.call('scheduleLater'))).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
  });

  it('evaluates templates in the bundle realm and records the sidebar', () => {
    const { env, bundle } = setup();
    expect(bundle.call('page')).toBe('<h1>&lt;b&gt;Roles&lt;/b&gt;</h1><p>from helper</p>');
    expect(env.sim.ui.sidebars[0]).toMatchObject({ title: 'Chat roles', width: 300 });
    expect(env.recorded()).toContain('<h1>&lt;b&gt;Roles&lt;/b&gt;</h1><p>from helper</p>');
  });

  it('refuses authorized services at top level (onOpen may run in AuthMode.NONE)', () => {
    const path = join(dist.dir, 'TopLevel.js');
    writeFileSync(path, 'var token = ScriptApp.getOAuthToken();\nfunction f() { return token; }');
    const env = makeEnv(dist.dir);
    expect(() => loadBundle(path, env)).toThrow('You do not have permission to call ScriptApp.getOAuthToken');
  });

  it('re-throws a hard stop even when product code swallows it', () => {
    const { env, bundle } = setup();
    env.sim.hardStop({ afterCalls: 5 });
    expect(() => bundle.call('swallow')).toThrow(HardStopError);
    const last = env.sim.executions.at(-1);
    // Five calls went through; the sixth (the second setValue) was the stop; every later attempt threw again.
    expect(last).toMatchObject({ hardStopped: true, calls: 6 });
    expect(env.calls['SpreadsheetApp.getActiveSheet']).toBe(10);
    expect(env.calls['Range.setValue']).toBe(2);
    expect(env.spreadsheet.getActiveSheet().getLastRow()).toBe(1);
  });
});
