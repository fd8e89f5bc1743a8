/**
 * SheetUser simulation (a test API, not Apps Script): a person typing or pasting into the grid. Typing honours data
 * validation that rejects input and non-warning protections; pasting ignores validation, as in Sheets. Afterwards the
 * simple onEdit (if the bundle has one) and every installable edit trigger fire, each as its creator, with Apps
 * Script's event object.
 */

import { unwrapFake } from './boundary';
import type { Runtime } from './runtime';
import { displayValue } from './spreadsheet/display';
import { hasContent } from './spreadsheet/grid';
import type { FakeRange } from './spreadsheet/range';
import { FakeSheet } from './spreadsheet/sheet';
import type { FakeSpreadsheet } from './spreadsheet/spreadsheet';
import { parseInput } from './spreadsheet/typed-input';
import type { TriggerRegistry, TriggerRun } from './triggers';
import { FakeUser } from './user';

export interface UserEditOptions {
  /** Treat a single-cell edit as a paste (no validation, no value/oldValue in the event). */
  paste?: boolean;
  /** Override whether Apps Script hides the editor's email from other users' triggers. */
  hideEmail?: boolean;
  /** Default true: a trigger handler that throws makes userEdit throw (after all triggers ran). */
  throwOnError?: boolean;
}

export interface UserEditResult {
  accepted: boolean;
  /** Why Sheets refused the edit (validation, protection); null when accepted. */
  rejection: string | null;
  /** A1 notation of the edited range. */
  range: string;
  /** value/oldValue as the event carried them (absent for multi-cell edits). */
  value?: string;
  oldValue?: string;
  runs: TriggerRun[];
}

export class SheetUsers {
  constructor(
    private readonly runtime: Runtime,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly registry: TriggerRegistry,
  ) {}

  edit(
    email: string,
    sheetRef: string | object,
    a1: string,
    values: unknown,
    options: UserEditOptions = {},
  ): UserEditResult {
    const editor = this.runtime.user(email);
    const sheet = this.resolveSheet(sheetRef);
    const grid = toGrid(values);
    const height = grid.length;
    const width = Math.max(...grid.map((r) => r.length));
    let range = sheet.rangeA1(a1);
    if (range.numRows === 1 && range.numCols === 1 && (height > 1 || width > 1)) {
      range = sheet.range(range.row, range.col, height, width);
    }
    if (range.numRows !== height || grid.some((r) => r.length !== range.numCols)) {
      throw new Error(`gas-fakes userEdit: ${height}x${width} values do not fit ${range.getA1Notation()}`);
    }
    const single = height === 1 && width === 1 && options.paste !== true;
    const result: UserEditResult = { accepted: false, rejection: null, range: range.getA1Notation(), runs: [] };

    const blocked = this.protectedFor(range, editor.email);
    if (blocked) {
      result.rejection = blocked;
      return result;
    }
    const tz = this.spreadsheet.timeZone;
    const before = sheet.grid.cell(range.row, range.col);
    if (single) {
      const parsed = parseInput(grid[0]?.[0], before?.numberFormat, tz);
      const rule = before?.validation;
      if (
        rule &&
        !rule.allowInvalid &&
        !rule.accepts(parsed.value, displayValue(parsed.value, before?.numberFormat, tz))
      ) {
        result.rejection = `There was a problem: The data you entered in cell ${range.getA1Notation()} violates the data validation rules set on this cell.`;
        return result;
      }
    }
    const oldValue = single && hasContent(before) ? eventText(before?.value, before?.numberFormat, tz) : undefined;
    for (const [i, row] of grid.entries()) {
      for (const [j, v] of row.entries()) sheet.writeTyped(range.row + i, range.col + j, v);
    }
    const after = sheet.grid.cell(range.row, range.col);
    const value = single && hasContent(after) ? eventText(after?.value, after?.numberFormat, tz) : undefined;
    result.accepted = true;
    if (value !== undefined) result.value = value;
    if (oldValue !== undefined) result.oldValue = oldValue;

    result.runs = this.fireEditTriggers(editor.email, range, value, oldValue, options);
    const failed = result.runs.find((r) => r.error !== null);
    if (failed && options.throwOnError !== false) throw failed.error;
    return result;
  }

  private fireEditTriggers(
    editor: string,
    range: FakeRange,
    value: string | undefined,
    oldValue: string | undefined,
    options: UserEditOptions,
  ): TriggerRun[] {
    // A test deployment runs no installable trigger at all.
    const editTriggers = this.runtime.strict.testDeployment
      ? []
      : this.registry.live().filter((r) => r.eventType === 'ON_EDIT' && r.documentId === this.spreadsheet.id);
    const bundle = this.runtime.bundle;
    const runs: TriggerRun[] = [];
    const event = (creator: string) => {
      const hidden =
        options.hideEmail ?? this.runtime.hidesEmail(this.runtime.user(editor), this.runtime.user(creator));
      const e: Record<string, unknown> = {
        range,
        source: this.spreadsheet,
        user: new FakeUser(hidden ? '' : editor),
      };
      if (value !== undefined) e.value = value;
      if (oldValue !== undefined) e.oldValue = oldValue;
      return { e, hidden };
    };
    if (bundle?.has('onEdit')) {
      const { e, hidden } = event(editor);
      runs.push(this.registry.runHandler('onEdit', 'simple-trigger', editor, editor, null, e, hidden));
    }
    for (const record of editTriggers) {
      const { e, hidden } = event(record.creator);
      runs.push(this.registry.fire(record, e, editor, hidden));
    }
    return runs;
  }

  private resolveSheet(ref: string | object): FakeSheet {
    if (typeof ref === 'string') {
      const sheet = this.spreadsheet.sheetNamed(ref);
      if (!sheet) throw new Error(`gas-fakes userEdit: no sheet named ${ref}`);
      return sheet;
    }
    const sheet = unwrapFake<object>(ref);
    if (!(sheet instanceof FakeSheet)) throw new Error('gas-fakes userEdit: pass a sheet name or a Sheet');
    return sheet;
  }

  /** Non-warning protections stop editors who are not on their list. */
  private protectedFor(range: FakeRange, email: string): string | null {
    const hit = this.spreadsheet.protections.find((p) => {
      if (p.removed || p.warningOnly || p.editors.has(email) || p.range.sheet !== range.sheet) return false;
      const r = p.range;
      return (
        r.row <= range.row + range.numRows - 1 &&
        range.row <= r.row + r.numRows - 1 &&
        r.col <= range.col + range.numCols - 1 &&
        range.col <= r.col + r.numCols - 1
      );
    });
    return hit
      ? 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.'
      : null;
  }
}

function toGrid(values: unknown): unknown[][] {
  if (!Array.isArray(values)) return [[values]];
  if (values.length === 0) throw new Error('gas-fakes userEdit: no values');
  if (values.every((row) => Array.isArray(row))) return values as unknown[][];
  return [values];
}

/** Event values are strings: the text of the cell's value. */
function eventText(value: unknown, numberFormat: string | undefined, timeZone: string): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return displayValue(value as Parameters<typeof displayValue>[0], numberFormat, timeZone);
}
