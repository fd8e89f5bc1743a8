import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GasEnvironment, type LoadedBundle, loadBundle } from '../index';
import { makeEnv, tempDist } from './helpers';

/** A product stand-in: installs an edit trigger and records what each run saw. */
const SCRIPT = `
function install() {
  ScriptApp.newTrigger('onRoleEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
  var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Member', 'Manager'], true).setAllowInvalid(false).build();
  SpreadsheetApp.getActive().getSheetByName('Members').getRange('B2:B5').setDataValidation(rule);
}
function onRoleEdit(e) {
  var seen = {
    keys: Object.keys(e).sort(),
    a1: e.range.getA1Notation(),
    value: e.value,
    oldValue: e.oldValue,
    user: e.user.getEmail(),
    active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(),
    token: ScriptApp.getOAuthToken(),
    authMode: String(e.authMode),
    uidMatches: e.triggerUid === ScriptApp.getProjectTriggers()[0].getUniqueId(),
    source: e.source.getName()
  };
  var props = PropertiesService.getScriptProperties();
  var list = JSON.parse(props.getProperty('seen') || '[]');
  list.push(seen);
  props.setProperty('seen', JSON.stringify(list));
}
`;

const dist = tempDist();
const codePath = join(dist.dir, 'Code.js');
writeFileSync(codePath, SCRIPT);
afterAll(() => dist.cleanup());

let env: GasEnvironment;
let bundle: LoadedBundle;
const seen = () => JSON.parse(env.sim.properties.script.values.get('seen') ?? '[]') as Array<Record<string, unknown>>;

beforeEach(() => {
  env = makeEnv(dist.dir, {
    spreadsheet: {
      name: 'Roles',
      sheets: [
        {
          name: 'Members',
          values: [
            ['Name', 'Role'],
            ['Bob', 'Member'],
          ],
        },
      ],
    },
  });
  bundle = loadBundle(codePath, env);
  env.sim.as('alice@example.com', () => bundle.call('install'));
});

describe('user edits fire installable triggers as their creator', () => {
  it('single-cell edit: value and oldValue, creator token, editor as active user', () => {
    const result = env.sim.userEdit('bob@example.com', 'Members', 'B2', 'Manager');
    expect(result).toMatchObject({ accepted: true, value: 'Manager', oldValue: 'Member' });
    expect(seen()).toEqual([
      {
        keys: ['authMode', 'oldValue', 'range', 'source', 'triggerUid', 'user', 'value'],
        a1: 'B2',
        value: 'Manager',
        oldValue: 'Member',
        user: 'bob@example.com',
        active: 'bob@example.com',
        effective: 'alice@example.com',
        token: 'tok-alice',
        authMode: 'FULL',
        uidMatches: true,
        source: 'Roles',
      },
    ]);
  });

  it('clearing a cell gives oldValue and no value', () => {
    env.sim.userEdit('bob@example.com', 'Members', 'B2', '');
    const [run] = seen();
    expect(run?.keys).toEqual(['authMode', 'oldValue', 'range', 'source', 'triggerUid', 'user']);
    expect(run?.oldValue).toBe('Member');
    expect(env.spreadsheet.getSheetByName('Members')?.getRange('B2').getValue()).toBe('');
  });

  it('a multi-cell paste gives neither value nor oldValue and bypasses validation', () => {
    env.sim.userEdit('bob@example.com', 'Members', 'A3', [
      ['Dan', 'Owner'],
      ['Erin', 'Member'],
    ]);
    const [run] = seen();
    expect(run?.keys).toEqual(['authMode', 'range', 'source', 'triggerUid', 'user']);
    expect(run?.a1).toBe('A3:B4');
    expect(env.spreadsheet.getSheetByName('Members')?.getRange('B3').getValue()).toBe('Owner');
  });

  it('a typed value outside the dropdown list is rejected and fires nothing', () => {
    const result = env.sim.userEdit('bob@example.com', 'Members', 'B2', 'Owner');
    expect(result.accepted).toBe(false);
    expect(result.rejection).toMatch(/violates the data validation rules/);
    expect(seen()).toEqual([]);
    expect(env.spreadsheet.getSheetByName('Members')?.getRange('B2').getValue()).toBe('Member');
  });

  it('an editor from another domain is anonymous to the trigger', () => {
    env.sim.userEdit('carol@example.com', 'Members', 'B2', 'Manager');
    expect(seen()[0]).toMatchObject({ user: '', active: '', effective: 'alice@example.com', token: 'tok-alice' });
  });

  it('script writes fire no trigger', () => {
    env.sim.as('bob@example.com', () =>
      env.globals.SpreadsheetApp.getActive().getSheetByName('Members')?.getRange('B2').setValue('Manager'),
    );
    expect(seen()).toEqual([]);
    expect(env.sim.triggerRuns).toEqual([]);
  });

  it('every stored string is in recorded(), including a token product code wrote', () => {
    env.sim.userEdit('bob@example.com', 'Members', 'B2', 'Manager');
    expect(env.recorded().some((text) => text.includes('tok-alice'))).toBe(true);
    expect(env.recordedEntries().find((e) => e.text.includes('tok-alice'))?.source).toBe('property script:seen');
  });
});
