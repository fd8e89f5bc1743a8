/**
 * Data validation rules. They matter only when a person types (SheetUser simulation): script writes and pastes are
 * never blocked, as in Sheets.
 */

import { types } from 'node:util';
import { GasError } from '../errors';
import { asApi, enumName, enumValue, type FakeSpec, gasEnum } from '../fake';
import type { CellValue } from './typed-input';

type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

export const CRITERIA_NAMES = [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const;

export const DataValidationCriteria =
  gasEnum<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>(CRITERIA_NAMES);

/** What a VALUE_IN_RANGE rule reads its allowed values from (a FakeRange). */
export interface DisplayValueSource {
  displayValueGrid(): string[][];
}

const RULE_API = [
  'copy',
  'getAllowInvalid',
  'getCriteriaType',
  'getCriteriaValues',
  'getHelpText',
] as const satisfies readonly (keyof DataValidation)[];

export class FakeDataValidation implements Pick<DataValidation, (typeof RULE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'DataValidation', methods: RULE_API };

  constructor(
    readonly criteria: string,
    readonly args: readonly unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}

  copy(): DataValidationBuilder {
    return asApi(new FakeDataValidationBuilder(this.criteria, [...this.args], this.allowInvalid, this.helpText));
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return enumValue<Criteria>(this.criteria);
  }
  getCriteriaValues(): unknown[] {
    return [...this.args];
  }
  getHelpText(): string {
    return this.helpText;
  }

  /** Whether Sheets accepts a typed value (the display text is what a list rule compares). */
  accepts(value: CellValue | undefined, display: string): boolean {
    if (value === undefined || value === '') return true;
    const [a, b] = this.args;
    const num = typeof value === 'number' ? value : null;
    const time = types.isDate(value) ? (value as Date).getTime() : null;
    const t = (x: unknown) => (types.isDate(x) ? (x as Date).getTime() : Number.NaN);
    switch (this.criteria) {
      case 'VALUE_IN_LIST':
        return ((a as unknown[]) ?? []).map(String).includes(display);
      case 'VALUE_IN_RANGE':
        return (a as DisplayValueSource).displayValueGrid().some((row) => row.includes(display));
      case 'CHECKBOX':
        return this.args.length === 0 ? typeof value === 'boolean' : [String(a), String(b)].includes(display);
      case 'NUMBER_BETWEEN':
        return num !== null && num >= Number(a) && num <= Number(b);
      case 'NUMBER_NOT_BETWEEN':
        return num !== null && (num < Number(a) || num > Number(b));
      case 'NUMBER_EQUAL_TO':
        return num === Number(a);
      case 'NUMBER_NOT_EQUAL_TO':
        return num !== null && num !== Number(a);
      case 'NUMBER_GREATER_THAN':
        return num !== null && num > Number(a);
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return num !== null && num >= Number(a);
      case 'NUMBER_LESS_THAN':
        return num !== null && num < Number(a);
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return num !== null && num <= Number(a);
      case 'TEXT_CONTAINS':
        return display.includes(String(a));
      case 'TEXT_DOES_NOT_CONTAIN':
        return !display.includes(String(a));
      case 'TEXT_EQUAL_TO':
        return display === String(a);
      case 'TEXT_IS_VALID_EMAIL':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(display);
      case 'TEXT_IS_VALID_URL':
        return /^https?:\/\/\S+$/.test(display);
      case 'DATE_IS_VALID_DATE':
        return time !== null;
      case 'DATE_AFTER':
        return time !== null && time > t(a);
      case 'DATE_BEFORE':
        return time !== null && time < t(a);
      case 'DATE_ON_OR_AFTER':
        return time !== null && time >= t(a);
      case 'DATE_ON_OR_BEFORE':
        return time !== null && time <= t(a);
      case 'DATE_EQUAL_TO':
        return time !== null && time === t(a);
      case 'DATE_BETWEEN':
        return time !== null && time >= t(a) && time <= t(b);
      case 'DATE_NOT_BETWEEN':
        return time !== null && (time < t(a) || time > t(b));
      default:
        return true;
    }
  }
}

const BUILDER_API = [
  'build',
  'copy',
  'getAllowInvalid',
  'getCriteriaType',
  'getCriteriaValues',
  'getHelpText',
  'requireValueInList',
  'requireValueInRange',
  'requireCheckbox',
  'requireNumberBetween',
  'requireTextIsEmail',
  'setAllowInvalid',
  'setHelpText',
  'withCriteria',
] as const satisfies readonly (keyof DataValidationBuilder)[];

export class FakeDataValidationBuilder implements Pick<DataValidationBuilder, (typeof BUILDER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'DataValidationBuilder', methods: BUILDER_API };

  constructor(
    private criteria: string | null = null,
    private args: unknown[] = [],
    private allowInvalid = true,
    private helpText = '',
  ) {}

  build(): DataValidation {
    if (this.criteria === null) throw new GasError('You must specify a criteria type for data validation.');
    return asApi(new FakeDataValidation(this.criteria, [...this.args], this.allowInvalid, this.helpText));
  }
  copy(): DataValidationBuilder {
    return asApi(new FakeDataValidationBuilder(this.criteria, [...this.args], this.allowInvalid, this.helpText));
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return enumValue<Criteria>(this.criteria ?? '');
  }
  getCriteriaValues(): unknown[] {
    return [...this.args];
  }
  getHelpText(): string | null {
    return this.helpText === '' ? null : this.helpText;
  }
  requireValueInList(values: string[], showDropdown = true): DataValidationBuilder {
    if (!Array.isArray(values)) throw new GasError('Invalid argument: values');
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): DataValidationBuilder {
    return this.set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): DataValidationBuilder {
    const args = checkedValue === undefined ? [] : [checkedValue, uncheckedValue ?? ''];
    return this.set('CHECKBOX', args);
  }
  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireTextIsEmail(): DataValidationBuilder {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.allowInvalid = allowInvalidData;
    return asApi(this);
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.helpText = String(helpText);
    return asApi(this);
  }
  withCriteria(criteria: Criteria, args: unknown[]): DataValidationBuilder {
    return this.set(enumName(criteria), [...args]);
  }

  private set(criteria: string, args: unknown[]): DataValidationBuilder {
    this.criteria = criteria;
    this.args = args;
    return asApi(this);
  }
}
