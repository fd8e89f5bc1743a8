/**
 * RangeList: one or more ranges of the same sheet (`Sheet.getRangeList(a1Notations)`), written in one call. Only
 * what the add-on uses: `getRanges`, `setValue` and `setNumberFormat`, each "for each Range in the range list" as the
 * reference says. Like every fake, each call is one counted round trip, whatever the number of ranges.
 */

import { GasError } from '../errors';
import { asApi, type FakeSpec } from '../fake';
import type { FakeRange } from './range';

type RangeList = GoogleAppsScript.Spreadsheet.RangeList;

const RANGE_LIST_API = ['getRanges', 'setNumberFormat', 'setValue'] as const satisfies readonly (keyof RangeList)[];

export class FakeRangeList implements Pick<RangeList, (typeof RANGE_LIST_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'RangeList', methods: RANGE_LIST_API };

  constructor(readonly ranges: readonly FakeRange[]) {
    // What Apps Script does with an empty list is not documented: the fakes refuse it, so code never relies on it.
    if (ranges.length === 0) throw new GasError('Range not found');
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.ranges.map((r) => asApi<GoogleAppsScript.Spreadsheet.Range>(r));
  }
  setValue(value: unknown): RangeList {
    for (const range of this.ranges) range.setValue(value);
    return asApi(this);
  }
  setNumberFormat(format: string): RangeList {
    for (const range of this.ranges) range.setNumberFormat(format);
    return asApi(this);
  }
}
