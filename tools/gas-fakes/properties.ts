/** PropertiesService: string-only stores per user, per document and per script, with Apps Script's size limits. */

import { GasError } from './errors';
import { asApi, type FakeSpec } from './fake';
import { ADDON_PROJECT, type Runtime } from './runtime';

type Properties = GoogleAppsScript.Properties.Properties;

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Bytes of one entry as Apps Script counts them against the quota: its key and its value, in UTF-8. */
const entryBytes = (key: string, value: string) => bytes(key) + bytes(value);

/**
 * The values of a store, keeping their total size as they change (tests may set values directly too): a long run
 * rewrites a small value several times a second next to hundreds of kilobytes of others, and the quota check of each
 * write must not cost a pass over all of them (the bench counts the fakes' own CPU twenty times).
 */
class SizedValues extends Map<string, string> {
  bytes = 0;
  override set(key: string, value: string): this {
    const before = super.get(key);
    if (before !== undefined) this.bytes -= entryBytes(key, before);
    this.bytes += entryBytes(key, value);
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    const before = super.get(key);
    if (before !== undefined) this.bytes -= entryBytes(key, before);
    return super.delete(key);
  }
  override clear(): void {
    this.bytes = 0;
    super.clear();
  }
}

export class PropertyStore {
  readonly values: Map<string, string> = new SizedValues();
  /** The largest size the store has had (bytes of keys and values), for benches and tests; `resetPeak` restarts it. */
  peakBytes = 0;
  constructor(readonly name: string) {}

  resetPeak(): void {
    this.peakBytes = this.size();
  }

  size(): number {
    return (this.values as SizedValues).bytes;
  }

  /** Bytes of one entry (key and value). */
  bytesOf(key: string, value: string): number {
    return entryBytes(key, value);
  }
}

/** All stores of the simulated project; tests read them directly. */
export class PropertyStores {
  readonly document = new PropertyStore('document');
  readonly script = new PropertyStore('script');
  private readonly users = new Map<string, PropertyStore>();
  /** Other script projects' stores (a co-editor's bound script has properties of its own, never the add-on's). */
  private readonly others = new Map<string, PropertyStores>();

  /** The stores of a project: the add-on's are this object itself. */
  of(project: string): PropertyStores {
    if (project === ADDON_PROJECT) return this;
    let stores = this.others.get(project);
    if (!stores) {
      stores = new PropertyStores();
      this.others.set(project, stores);
    }
    return stores;
  }

  user(email: string): PropertyStore {
    let store = this.users.get(email);
    if (!store) {
      store = new PropertyStore(`user:${email}`);
      this.users.set(email, store);
    }
    return store;
  }

  all(): PropertyStore[] {
    return [this.document, this.script, ...this.users.values()];
  }
}

const SERVICE_API = [
  'getDocumentProperties',
  'getScriptProperties',
  'getUserProperties',
] as const satisfies readonly (keyof GoogleAppsScript.Properties.PropertiesService)[];

export class FakePropertiesService
  implements Pick<GoogleAppsScript.Properties.PropertiesService, (typeof SERVICE_API)[number]>
{
  static readonly gas: FakeSpec = { kind: 'PropertiesService', methods: SERVICE_API };
  constructor(
    private readonly runtime: Runtime,
    private readonly stores: PropertyStores,
  ) {}

  /** null inside a clock trigger under strict noDocumentInTimeTriggers. */
  getDocumentProperties(): Properties {
    this.runtime.authorize('PropertiesService.getDocumentProperties', 'LIMITED', []);
    if (this.runtime.withoutDocument()) return null as unknown as Properties;
    return asApi(new FakeProperties(this.runtime, this.stores.of(this.runtime.current().project).document));
  }
  getScriptProperties(): Properties {
    this.runtime.authorize('PropertiesService.getScriptProperties', 'LIMITED', []);
    return asApi(new FakeProperties(this.runtime, this.stores.of(this.runtime.current().project).script));
  }
  /** The effective user's: inside a trigger, the creator's. */
  getUserProperties(): Properties {
    this.runtime.authorize('PropertiesService.getUserProperties', 'LIMITED', []);
    return asApi(
      new FakeProperties(
        this.runtime,
        this.stores.of(this.runtime.current().project).user(this.runtime.current().effectiveUser.email),
      ),
    );
  }
}

const PROPERTIES_API = [
  'deleteAllProperties',
  'deleteProperty',
  'getKeys',
  'getProperties',
  'getProperty',
  'setProperties',
  'setProperty',
] as const satisfies readonly (keyof Properties)[];

export class FakeProperties implements Pick<Properties, (typeof PROPERTIES_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Properties', methods: PROPERTIES_API };
  constructor(
    private readonly runtime: Runtime,
    private readonly store: PropertyStore,
  ) {}

  getProperty(key: string): string | null {
    return this.store.values.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store.values);
  }
  getKeys(): string[] {
    return [...this.store.values.keys()];
  }
  setProperty(key: string, value: string): Properties {
    this.write({ [checkKey(key)]: checkValue(value) }, false);
    return asApi(this);
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false): Properties {
    if (properties === null || typeof properties !== 'object') throw new GasError('Invalid argument: properties');
    const checked: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties)) checked[checkKey(k)] = checkValue(v);
    this.write(checked, deleteAllOthers);
    return asApi(this);
  }
  deleteProperty(key: string): Properties {
    this.store.values.delete(String(key));
    return asApi(this);
  }
  deleteAllProperties(): Properties {
    this.store.values.clear();
    return asApi(this);
  }

  /** All or nothing: the quota check happens before anything is stored. */
  private write(entries: Record<string, string>, deleteAllOthers: boolean): void {
    let total = deleteAllOthers ? 0 : this.store.size();
    for (const [k, v] of Object.entries(entries)) {
      const before = deleteAllOthers ? undefined : this.store.values.get(k);
      if (before !== undefined) total -= this.store.bytesOf(k, before);
      total += this.store.bytesOf(k, v);
    }
    if (total > PROPERTY_STORE_LIMIT) {
      throw new GasError('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    if (deleteAllOthers) this.store.values.clear();
    for (const [k, v] of Object.entries(entries)) this.store.values.set(k, v);
    this.store.peakBytes = Math.max(this.store.peakBytes, total);
    for (const [k, v] of Object.entries(entries)) {
      this.runtime.recorder.record(`property ${this.store.name} key`, k);
      this.runtime.recorder.record(`property ${this.store.name}:${k}`, v);
    }
  }
}

function checkKey(key: unknown): string {
  if (key === null || key === undefined || String(key) === '') throw new GasError('Invalid argument: key');
  return String(key);
}

/** Values are stored as strings (numbers become their text); a value over 9 KB throws. */
function checkValue(value: unknown): string {
  if (value === null || value === undefined) throw new GasError('Invalid argument: value');
  const text = String(value);
  if (bytes(text) > PROPERTY_VALUE_LIMIT) throw new GasError('Argument too large: value');
  return text;
}
