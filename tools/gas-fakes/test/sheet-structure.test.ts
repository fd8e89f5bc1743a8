import type { GasEnvironment } from '../index';
import { makeEnv, tempDist } from './helpers';

const dist = tempDist();
let env: GasEnvironment;
let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  env = makeEnv(dist.dir);
  ss = env.globals.SpreadsheetApp.getActive();
  sheet = ss.insertSheet('Members');
  sheet.getRange('A1:B4').setValues([
    ['Name', 'Role'],
    ['Carol', 'Member'],
    ['Alice', 'Manager'],
    ['Bob', 'Member'],
  ]);
  sheet.setFrozenRows(1);
  // Row metadata: one key per member row, on the whole row.
  for (const row of [2, 3, 4]) {
    const name = sheet.getRange(row, 1).getValue() as string;
    sheet.getRange(`${row}:${row}`).addDeveloperMetadata('member', name);
  }
});
afterAll(() => dist.cleanup());

const rowOf = (name: string) => {
  const found = ss.createDeveloperMetadataFinder().withKey('member').withValue(name).find();
  expect(found).toHaveLength(1);
  return found[0]?.getLocation().getRow()?.getRow();
};

describe('row structure', () => {
  it('sorting below the frozen rows moves rows together with their metadata', () => {
    sheet.sort(1);
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      ['Name', 'Role'],
      ['Alice', 'Manager'],
      ['Bob', 'Member'],
      ['Carol', 'Member'],
    ]);
    expect([rowOf('Alice'), rowOf('Bob'), rowOf('Carol')]).toEqual([2, 3, 4]);
    sheet.sort(1, false);
    expect(sheet.getRange('A2:A4').getValues()).toEqual([['Carol'], ['Bob'], ['Alice']]);
    expect(rowOf('Carol')).toBe(2);
  });

  it('inserting rows shifts content and metadata; deleting a row drops its metadata', () => {
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A4').getValue()).toBe('Carol');
    expect(rowOf('Carol')).toBe(4);
    sheet.deleteRows(4, 1);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .withKey('member')
        .find()
        .map((m) => m.getValue()),
    ).toEqual(['Alice', 'Bob']);
    expect(sheet.getRange('A4').getValue()).toBe('Alice');
  });

  it('metadata on an arbitrary range is refused as in Apps Script', () => {
    expect(() => sheet.getRange('A2:B2').addDeveloperMetadata('k', 'v')).toThrow(
      /only be added to .* an entire row or column/,
    );
  });

  it('sheet metadata, hidden columns, protections and names', () => {
    sheet.addDeveloperMetadata('sheet-kind', 'members');
    expect(sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['sheet-kind', 'members']]);
    expect(ss.getDeveloperMetadata()).toEqual([]);
    sheet.hideColumns(3, 2);
    expect([2, 3, 4, 5].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, true, false]);
    const protection = sheet.protect().setWarningOnly(true).setDescription('Managed by the add-on');
    expect(protection.isWarningOnly()).toBe(true);
    expect(sheet.getProtections(env.globals.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(() => ss.insertSheet('members')).toThrow('A sheet with the name "members" already exists');
    expect(ss.getSheetByName('MEMBERS')?.getSheetId()).toBe(sheet.getSheetId());
  });

  it('cannot delete every non-frozen row', () => {
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });
});
