/**
 * Installable triggers: the registry, the builders product code uses to create them, and firing them as their creator.
 * Limits as for add-ons: one trigger of each type per user per document, 20 per user per script, recurring clock
 * triggers at most hourly. A one-off clock trigger that fired stays listed (and counted) until deleted.
 * Strict options (strict.ts) add late one-off triggers, test-deployment mode, triggers in other spreadsheets counting
 * toward the 20, and triggers skipped while their creator must authorise a new version's scopes.
 */

import { GasError } from './errors';
import { asApi, enumValue, type FakeSpec } from './fake';
import type { Runtime } from './runtime';
import type { FakeSpreadsheet } from './spreadsheet/spreadsheet';
import { lateDelays } from './strict';
import { zonedParts } from './time-zone';

type Trigger = GoogleAppsScript.Script.Trigger;

export type TriggerEventType = 'ON_EDIT' | 'ON_OPEN' | 'ON_CHANGE' | 'ON_FORM_SUBMIT' | 'CLOCK';

export interface TriggerRecord {
  readonly uid: string;
  readonly handler: string;
  readonly eventType: TriggerEventType;
  readonly creator: string;
  /** The spreadsheet a spreadsheet trigger belongs to; clock triggers of an add-on belong to the document too. */
  readonly documentId: string;
  readonly createdAt: number;
  /** Next time a clock trigger is due. */
  dueAt: number | null;
  /** Period of a recurring clock trigger. */
  readonly everyMs: number | null;
  /** How much later than asked a one-off `.after()` trigger is due (strict lateTriggers); 0 otherwise. */
  readonly lateByMs: number;
  /** A one-off clock trigger that ran: never fires again, still listed until deleted. */
  fired: boolean;
  deleted: boolean;
}

export interface TriggerRun {
  uid: string | null;
  handler: string;
  kind: 'installable-trigger' | 'simple-trigger' | 'time-trigger';
  effectiveUser: string;
  activeUser: string | null;
  error: unknown;
  hardStopped: boolean;
  /** Set when the trigger was due but did not run: its creator must authorise the script's new scopes first. */
  skipped?: 'authorization-required';
}

export const MAX_TRIGGERS_PER_USER = 20;
const HOUR = 3_600_000;

export class TriggerRegistry {
  readonly records: TriggerRecord[] = [];
  readonly runs: TriggerRun[] = [];
  /** Triggers each user has in other spreadsheets (strict otherDocumentTriggers): they count toward the 20. */
  readonly elsewhere: Map<string, number>;
  private nextUid = 1;
  private readonly lateDelay: () => number;

  constructor(
    private readonly runtime: Runtime,
    private readonly spreadsheet: FakeSpreadsheet,
    /** Whether a one-off clock trigger that ran stays listed until deleted: the default, the stricter case for product code. */
    private readonly firedOneOffRemains = true,
  ) {
    this.lateDelay = lateDelays(runtime.strict.lateTriggers);
    this.elsewhere = new Map(Object.entries(runtime.strict.otherDocumentTriggers ?? {}));
  }

  /** The extra delay of the next one-off `.after()` trigger: 0 unless strict lateTriggers. */
  nextLateDelay(): number {
    return this.lateDelay();
  }

  now(): number {
    return this.runtime.clock.now();
  }

  live(): TriggerRecord[] {
    return this.records.filter((r) => !r.deleted);
  }

  forUser(email: string): TriggerRecord[] {
    return this.live().filter((r) => r.creator === email);
  }

  create(
    handler: string,
    eventType: TriggerEventType,
    dueAt: number | null,
    everyMs: number | null,
    lateByMs = 0,
  ): TriggerRecord {
    const creator = this.runtime.current().effectiveUser.email;
    const mine = this.forUser(creator);
    if (mine.length + (this.elsewhere.get(creator) ?? 0) >= MAX_TRIGGERS_PER_USER) {
      throw new GasError(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    if (mine.some((r) => r.eventType === eventType && r.documentId === this.spreadsheet.id)) {
      const what = eventType === 'CLOCK' ? 'time-based' : eventType === 'ON_EDIT' ? 'edit' : eventType.toLowerCase();
      throw new GasError(
        `This add-on has created too many ${what} triggers in this document for this Google user account.`,
      );
    }
    if (everyMs !== null && everyMs < HOUR) {
      throw new GasError('Add-ons can not create time-based triggers that run more frequently than once per hour.');
    }
    const record: TriggerRecord = {
      uid: String(9_000_000 + this.nextUid++),
      handler,
      eventType,
      creator,
      documentId: this.spreadsheet.id,
      createdAt: this.runtime.clock.now(),
      dueAt,
      everyMs,
      lateByMs,
      fired: false,
      deleted: false,
    };
    this.records.push(record);
    this.runtime.recorder.record('trigger handler', handler);
    return record;
  }

  /**
   * Runs one trigger's handler as its creator; errors are recorded on the run. A creator who has not authorised the
   * script's new scopes gets no execution at all: the run is recorded as skipped, and nobody is told (add-ons send no
   * failure email).
   */
  fire(record: TriggerRecord, event: Record<string, unknown>, activeUser: string | null, hideActiveEmail?: boolean) {
    const kind = record.eventType === 'CLOCK' ? 'time-trigger' : 'installable-trigger';
    if (this.runtime.grants.needsReauthorization(record.creator)) {
      const run: TriggerRun = {
        uid: record.uid,
        handler: record.handler,
        kind,
        effectiveUser: record.creator,
        activeUser,
        error: null,
        hardStopped: false,
        skipped: 'authorization-required',
      };
      this.runs.push(run);
      return run;
    }
    return this.runHandler(record.handler, kind, record.creator, activeUser, record.uid, event, hideActiveEmail);
  }

  runHandler(
    handler: string,
    kind: TriggerRun['kind'],
    effectiveUser: string,
    activeUser: string | null,
    uid: string | null,
    event: Record<string, unknown>,
    hideActiveEmail?: boolean,
  ): TriggerRun {
    const bundle = this.runtime.bundle;
    if (!bundle) throw new Error('gas-fakes: no bundle loaded; call loadBundle(path, env) before firing triggers');
    const run: TriggerRun = { uid, handler, kind, effectiveUser, activeUser, error: null, hardStopped: false };
    const spec = {
      kind,
      effectiveUser,
      activeUser,
      authMode: kind === 'simple-trigger' ? ('LIMITED' as const) : ('FULL' as const),
      triggerUid: uid,
      ...(hideActiveEmail === undefined ? {} : { hideActiveEmail }),
    };
    try {
      this.runtime.run(spec, (ex) => {
        // The event object carries the execution's auth mode; built inside it so its objects are counted there.
        const full = { authMode: ex.authMode, ...event, ...(uid === null ? {} : { triggerUid: uid }) };
        return bundle.invoke(handler, (exportValue) => [exportValue(full)]);
      });
    } catch (e) {
      run.error = e;
      run.hardStopped = e instanceof Error && e.name === 'HardStopError';
    }
    this.runs.push(run);
    return run;
  }

  /** Fires the clock triggers due at the clock's now, as their creators; returns the runs. */
  fireDue(): TriggerRun[] {
    const now = this.runtime.clock.now();
    const due = this.clockTriggers()
      .filter((r) => r.eventType === 'CLOCK' && !r.fired && r.dueAt !== null && r.dueAt <= now)
      .sort((a, b) => (a.dueAt as number) - (b.dueAt as number));
    const runs: TriggerRun[] = [];
    for (const record of due) {
      if (record.everyMs === null) {
        record.fired = true;
        if (!this.firedOneOffRemains) record.deleted = true;
      } else record.dueAt = now + record.everyMs;
      runs.push(this.fire(record, clockEvent(now, this.runtime.timeZone), null));
    }
    return runs;
  }

  /** When the next clock trigger is due, or null. */
  nextDue(): number | null {
    const times = this.clockTriggers()
      .filter((r) => r.eventType === 'CLOCK' && !r.fired && r.dueAt !== null)
      .map((r) => r.dueAt as number);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Live triggers that may fire on the clock: none in a test deployment. */
  private clockTriggers(): TriggerRecord[] {
    return this.runtime.strict.testDeployment ? [] : this.live();
  }
}

function clockEvent(now: number, timeZone: string): Record<string, unknown> {
  const p = zonedParts(now, timeZone);
  return {
    year: p.year,
    month: p.month,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    timezone: timeZone,
  };
}

const TRIGGER_API = [
  'getEventType',
  'getHandlerFunction',
  'getTriggerSource',
  'getTriggerSourceId',
  'getUniqueId',
] as const satisfies readonly (keyof Trigger)[];

export class FakeTrigger implements Pick<Trigger, (typeof TRIGGER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Trigger', methods: TRIGGER_API };
  constructor(readonly record: TriggerRecord) {}
  getEventType(): GoogleAppsScript.Script.EventType {
    return enumValue(this.record.eventType);
  }
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return enumValue(this.record.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS');
  }
  getTriggerSourceId(): string {
    return this.record.eventType === 'CLOCK' ? '' : this.record.documentId;
  }
  getUniqueId(): string {
    return this.record.uid;
  }
}

const BUILDER_API = [
  'forSpreadsheet',
  'timeBased',
] as const satisfies readonly (keyof GoogleAppsScript.Script.TriggerBuilder)[];

export class FakeTriggerBuilder implements Pick<GoogleAppsScript.Script.TriggerBuilder, (typeof BUILDER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'TriggerBuilder', methods: BUILDER_API };
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly handler: string,
  ) {}

  forSpreadsheet(
    sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : (sheet as unknown as FakeSpreadsheet).id;
    if (id !== this.spreadsheet.id) throw new GasError('Invalid argument: sheet');
    return asApi(new FakeSpreadsheetTriggerBuilder(this.registry, this.handler));
  }
  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return asApi(new FakeClockTriggerBuilder(this.registry, this.handler));
  }
}

const SHEET_BUILDER_API = [
  'create',
  'onChange',
  'onEdit',
  'onFormSubmit',
  'onOpen',
] as const satisfies readonly (keyof GoogleAppsScript.Script.SpreadsheetTriggerBuilder)[];

export class FakeSpreadsheetTriggerBuilder
  implements Pick<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, (typeof SHEET_BUILDER_API)[number]>
{
  static readonly gas: FakeSpec = { kind: 'SpreadsheetTriggerBuilder', methods: SHEET_BUILDER_API };
  private type: TriggerEventType | null = null;
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}

  create(): Trigger {
    if (this.type === null)
      throw new GasError('Missing trigger type: call onEdit(), onOpen(), onChange() or onFormSubmit().');
    return asApi(new FakeTrigger(this.registry.create(this.handler, this.type, null, null)));
  }
  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('ON_CHANGE');
  }
  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('ON_EDIT');
  }
  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('ON_FORM_SUBMIT');
  }
  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('ON_OPEN');
  }
  private set(type: TriggerEventType): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.type = type;
    return asApi(this);
  }
}

const CLOCK_BUILDER_API = [
  'after',
  'at',
  'create',
  'everyDays',
  'everyHours',
  'everyMinutes',
] as const satisfies readonly (keyof GoogleAppsScript.Script.ClockTriggerBuilder)[];

export class FakeClockTriggerBuilder
  implements Pick<GoogleAppsScript.Script.ClockTriggerBuilder, (typeof CLOCK_BUILDER_API)[number]>
{
  static readonly gas: FakeSpec = { kind: 'ClockTriggerBuilder', methods: CLOCK_BUILDER_API };
  private dueAt: number | null = null;
  private everyMs: number | null = null;
  private lateByMs = 0;

  constructor(
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}

  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isFinite(durationMilliseconds) || durationMilliseconds < 0)
      throw new GasError('Invalid argument: durationMilliseconds');
    // after() names a minimum: the trigger may run later (strict lateTriggers draws how much).
    this.lateByMs = this.registry.nextLateDelay();
    this.dueAt = this.registry.now() + durationMilliseconds + this.lateByMs;
    return asApi(this);
  }
  at(date: GoogleAppsScript.Base.Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.dueAt = date.getTime();
    this.lateByMs = 0;
    return asApi(this);
  }
  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this.every(n * 60_000);
  }
  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this.every(n * HOUR);
  }
  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this.every(n * 24 * HOUR);
  }
  create(): Trigger {
    if (this.dueAt === null && this.everyMs === null) {
      throw new GasError('Missing time: call after(), at() or every…() before create().');
    }
    const now = this.registry.now();
    const dueAt = this.dueAt ?? now + (this.everyMs as number);
    const late = this.everyMs === null ? this.lateByMs : 0;
    return asApi(new FakeTrigger(this.registry.create(this.handler, 'CLOCK', dueAt, this.everyMs, late)));
  }
  private every(ms: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isFinite(ms) || ms <= 0) throw new GasError('Invalid argument: interval');
    this.everyMs = ms;
    return asApi(this);
  }
}
