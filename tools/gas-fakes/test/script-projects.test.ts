/**
 * Who can write what: a co-editor's own bound script is another script project. Sheets shows PROJECT-visibility
 * developer metadata only to the project that created it, and property stores belong to one script project.
 */

import type { GasEnvironment } from '../index';
import { makeEnv, tempDist } from './helpers';

const dist = tempDist();
let env: GasEnvironment;
beforeEach(() => {
  env = makeEnv(dist.dir, {});
});
afterAll(() => dist.cleanup());

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const keys = (list: GoogleAppsScript.Spreadsheet.DeveloperMetadata[]) => list.map((m) => m.getKey()).sort();

describe("a co-editor's own script", () => {
  it('sees DOCUMENT metadata and its own PROJECT metadata, never the add-on’s PROJECT metadata', () => {
    const { SpreadsheetApp } = env.globals;
    const visibility = SpreadsheetApp.DeveloperMetadataVisibility;
    env.sim.as(ALICE, () => {
      const sheet = SpreadsheetApp.getActive().getActiveSheet();
      sheet.addDeveloperMetadata('addon.private', 'x', visibility.PROJECT);
      sheet.addDeveloperMetadata('addon.public', 'y', visibility.DOCUMENT);
    });
    const seenByScript = env.sim.asScript(BOB, () => {
      const sheet = SpreadsheetApp.getActive().getActiveSheet();
      sheet.addDeveloperMetadata('bob.private', 'z', visibility.PROJECT);
      const finder = SpreadsheetApp.getActive().createDeveloperMetadataFinder().find();
      return { onSheet: keys(sheet.getDeveloperMetadata()), found: keys(finder) };
    });
    expect(seenByScript).toEqual({
      onSheet: ['addon.public', 'bob.private'],
      found: ['addon.public', 'bob.private'],
    });
    const seenByAddon = env.sim.as(ALICE, () =>
      keys(SpreadsheetApp.getActive().getActiveSheet().getDeveloperMetadata()),
    );
    expect(seenByAddon).toEqual(['addon.private', 'addon.public']);
  });

  it('has document and user properties of its own', () => {
    const { PropertiesService } = env.globals;
    env.sim.as(ALICE, () => {
      PropertiesService.getDocumentProperties().setProperty('secret', 's3cret');
      PropertiesService.getUserProperties().setProperty('key', 'k');
    });
    const seen = env.sim.asScript(ALICE, () => {
      PropertiesService.getDocumentProperties().setProperty('secret', 'forged');
      return [PropertiesService.getDocumentProperties().getKeys(), PropertiesService.getUserProperties().getKeys()];
    });
    expect(seen).toEqual([['secret'], []]);
    expect(env.sim.as(ALICE, () => PropertiesService.getDocumentProperties().getProperty('secret'))).toBe('s3cret');
  });
});

describe('Sheet.copyTo', () => {
  it.each([true, false])('copies cells to a new sheet with a new id (metadata kept: %s)', (keep) => {
    env.sim.setSheetCopiesKeepMetadata(keep);
    const ss = env.globals.SpreadsheetApp.getActive();
    const sheet = ss.getActiveSheet();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.addDeveloperMetadata('k', 'v');
    const copy = sheet.copyTo(ss);
    expect(copy.getName()).toBe(`Copy of ${sheet.getName()}`);
    expect(copy.getSheetId()).not.toBe(sheet.getSheetId());
    expect(copy.getRange('A1:B1').getValues()).toEqual([['a', 'b']]);
    expect(keys(copy.getDeveloperMetadata())).toEqual(keep ? ['k'] : []);
  });
});

describe('dialogs', () => {
  it('let the test act while a dialog is open, before the answer returns', () => {
    const events: string[] = [];
    env.sim.ui.answerAlert('YES', { whileOpen: () => events.push('edited meanwhile') });
    env.sim.as(ALICE, () => {
      const ui = env.globals.SpreadsheetApp.getUi();
      events.push(ui.alert('Sure?', 'Really?', ui.ButtonSet.YES_NO) === ui.Button.YES ? 'yes' : 'no');
    });
    expect(events).toEqual(['edited meanwhile', 'yes']);
  });
});
