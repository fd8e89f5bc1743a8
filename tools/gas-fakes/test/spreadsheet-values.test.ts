import { GasError } from '../errors';
import { type GasEnvironment, NotImplementedError } from '../index';
import { makeEnv, tempDist } from './helpers';

const dist = tempDist();
let env: GasEnvironment;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  env = makeEnv(dist.dir, { spreadsheet: { name: 'Roles', sheets: [{ name: 'Members' }, { name: 'Other' }] } });
  sheet = env.globals.SpreadsheetApp.getActive().getSheetByName('Members') as GoogleAppsScript.Spreadsheet.Sheet;
});
afterAll(() => dist.cleanup());

describe('setValues parses strings like a person typing', () => {
  it('turns numbers, booleans, dates and formulas into typed values', () => {
    const range = sheet.getRange('A1:F1');
    range.setValues([['123', 'TRUE', 'false', '2024-01-02', '=SUM(1,2)', 'plain text']]);
    const row = (range.getValues() as unknown[][])[0] ?? [];
    expect(row.slice(0, 3)).toEqual([123, true, false]);
    expect(Object.prototype.toString.call(row[3])).toBe('[object Date]');
    expect((row[3] as Date).toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(row[4]).toBe('#NAME?');
    expect(row[5]).toBe('plain text');
    expect(range.getFormulas()[0]?.[4]).toBe('=SUM(1,2)');
  });

  it('never returns the raw text of something that became a formula', () => {
    sheet.getRange('A1').setValue('=SUM(1,2) Sam');
    expect(sheet.getRange('A1').getValue()).not.toBe('=SUM(1,2) Sam');
  });

  it('keeps text after a leading apostrophe, without the apostrophe', () => {
    sheet.getRange('A1:C1').setValues([["'=SUM(1,2) Sam", "'00123", "'TRUE"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=SUM(1,2) Sam', '00123', 'TRUE']]);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  it('keeps text in plain-text (@) cells', () => {
    const range = sheet.getRange('A1:C1');
    range.setNumberFormat('@');
    range.setValues([['=HYPERLINK("x")', '+1 555', '007']]);
    expect(range.getValues()).toEqual([['=HYPERLINK("x")', '+1 555', '007']]);
  });

  it('keeps the layout of a typed date for display', () => {
    sheet.getRange('A1').setValue('2024-01-02');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2024-01-02');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('yyyy-mm-dd');
  });

  it('hands out new objects on every call, as Apps Script does', () => {
    const ss = env.globals.SpreadsheetApp.getActive();
    expect(ss.getActiveSheet()).not.toBe(ss.getSheets()[0]);
    expect(ss.getActiveSheet().getSheetId()).toBe(ss.getSheets()[0]?.getSheetId());
  });

  it('returns empty strings for empty cells and display strings', () => {
    sheet.getRange('A1:C1').setValues([[1234.5, true, null]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[1234.5, true, '', '']]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['1234.5', 'TRUE', '', '']]);
  });

  it('throws Apps Script size-mismatch errors', () => {
    const range = sheet.getRange(1, 1, 2, 2);
    expect(() => range.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2]])).toThrow(GasError);
  });

  it('rejects coordinates outside the sheet', () => {
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });
});

describe('sheet geometry', () => {
  it('getLastRow counts the last row with content, not formats or notes', () => {
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('B3').setValue('x');
    sheet.getRange('A10').setNote('a note');
    sheet.getRange('A20').setNumberFormat('@');
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B3');
    sheet.getRange('B3').clearContent();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  it('reads and writes notes', () => {
    const range = sheet.getRange('A1:B1');
    range.setNotes([['first', null]]);
    sheet.getRange('B1').setNote('second');
    expect(range.getNotes()).toEqual([['first', 'second']]);
    sheet.getRange('A1').setNote(null);
    expect(range.getNotes()).toEqual([['', 'second']]);
  });
});

describe('data validation', () => {
  it('does not block script writes', () => {
    const rule = env.globals.SpreadsheetApp.newDataValidation()
      .requireValueInList(['Member', 'Manager'], true)
      .setAllowInvalid(false)
      .build();
    const cell = sheet.getRange('C2');
    cell.setDataValidation(rule);
    cell.setValue('Owner');
    expect(cell.getValue()).toBe('Owner');
    const read = cell.getDataValidation();
    expect(read?.getCriteriaType()).toBe(env.globals.SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST);
    expect(read?.getCriteriaValues()).toEqual([['Member', 'Manager'], true]);
    expect(read?.getAllowInvalid()).toBe(false);
  });
});

describe('unimplemented members', () => {
  it('fail loudly instead of returning something plausible', () => {
    const range = sheet.getRange('A1') as unknown as { merge(): void };
    expect(() => range.merge()).toThrow(NotImplementedError);
  });
});

describe('Sheet.getRangeList', () => {
  it('sets one value in every range of the list, typed as setValue types it, one counted call for all', () => {
    const before = env.calls['RangeList.setValue'] ?? 0;
    sheet.getRange('A1:A9').setNumberFormat('@');
    const list = sheet.getRangeList(['A2', 'A4:A5', 'B1']).setValue('007');
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['A2', 'A4:A5', 'B1']);
    expect(sheet.getRange('A1:B5').getValues()).toEqual([
      ['', 7],
      ['007', ''],
      ['', ''],
      ['007', ''],
      ['007', ''],
    ]);
    expect((env.calls['RangeList.setValue'] ?? 0) - before).toBe(1);
    expect(env.calls['Sheet.getRangeList']).toBeGreaterThanOrEqual(1);
  });

  it('refuses an A1 notation getRange would refuse, and an empty list', () => {
    expect(() => sheet.getRangeList(['A0'])).toThrow(GasError);
    expect(() => sheet.getRangeList([])).toThrow(GasError);
  });
});
