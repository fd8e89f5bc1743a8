/** PropertiesService: string-only stores per user, per document and per script, with Apps Script's size limits. */

import { GasError } from './errors';
import { asApi, type FakeSpec } from './fake';
import { ADDON_PROJECT, type Runtime } from './runtime';

type Properties = GoogleAppsScript.Properties.Properties;

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertyStore {
  readonly values = new Map<string, string>();
  /** The largest size the store has had (bytes of keys and values), for benches and tests; `resetPeak` restarts it. */
  peakBytes = 0;
  constructor(readonly name: string) {}

  resetPeak(): void {
    this.peakBytes = this.size();
  }

  /** Sizes of the values last measured, by key: a long run rewrites a small value often next to large unchanged ones. */
  private readonly measured = new Map<string, [string, number]>();

  size(): number {
    let total = 0;
    for (const [k, v] of this.values) total += this.bytesOf(k, v);
    return total;
  }

  /** Bytes of one entry (key and value), measured again only when the value is another string. */
  bytesOf(key: string, value: string): number {
    const known = this.measured.get(key);
    if (known && known[0] === value) return known[1];
    const n = bytes(key) + bytes(value);
    this.measured.set(key, [value, n]);
    return n;
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
    let total = 0;
    if (!deleteAllOthers) {
      for (const [k, v] of this.store.values) if (!Object.hasOwn(entries, k)) total += this.store.bytesOf(k, v);
    }
    for (const [k, v] of Object.entries(entries)) total += this.store.bytesOf(k, v);
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
