/** CacheService: per-user, per-document and script caches whose entries expire on the injectable clock. */

import type { Clock } from './clock';
import { GasError } from './errors';
import { asApi, type FakeSpec } from './fake';
import type { Runtime } from './runtime';

type Cache = GoogleAppsScript.Cache.Cache;

export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_KEY_LIMIT = 250;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  readonly entries = new Map<string, Entry>();
  constructor(
    readonly name: string,
    private readonly clock: Clock,
  ) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.clock.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }
}

export class CacheStores {
  readonly document: CacheStore;
  readonly script: CacheStore;
  private readonly users = new Map<string, CacheStore>();

  constructor(private readonly clock: Clock) {
    this.document = new CacheStore('document', clock);
    this.script = new CacheStore('script', clock);
  }

  user(email: string): CacheStore {
    let store = this.users.get(email);
    if (!store) {
      store = new CacheStore(`user:${email}`, this.clock);
      this.users.set(email, store);
    }
    return store;
  }

  /** Caches are best effort: Google may drop any entry at any time. Tests call this to prove code copes. */
  evictAll(): void {
    for (const store of [this.document, this.script, ...this.users.values()]) store.entries.clear();
  }
}

const SERVICE_API = [
  'getDocumentCache',
  'getScriptCache',
  'getUserCache',
] as const satisfies readonly (keyof GoogleAppsScript.Cache.CacheService)[];

export class FakeCacheService implements Pick<GoogleAppsScript.Cache.CacheService, (typeof SERVICE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'CacheService', methods: SERVICE_API };
  constructor(
    private readonly runtime: Runtime,
    private readonly stores: CacheStores,
  ) {}

  getDocumentCache(): Cache | null {
    return asApi(new FakeCache(this.runtime, this.stores.document));
  }
  getScriptCache(): Cache {
    return asApi(new FakeCache(this.runtime, this.stores.script));
  }
  getUserCache(): Cache {
    return asApi(new FakeCache(this.runtime, this.stores.user(this.runtime.current().effectiveUser.email)));
  }
}

const CACHE_API = ['get', 'getAll', 'put', 'putAll', 'remove', 'removeAll'] as const satisfies readonly (keyof Cache)[];

export class FakeCache implements Pick<Cache, (typeof CACHE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Cache', methods: CACHE_API };
  constructor(
    private readonly runtime: Runtime,
    private readonly store: CacheStore,
  ) {}

  get(key: string): string | null {
    return this.store.get(checkKey(key));
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.store.get(checkKey(key));
      if (value !== null) out[key] = value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.putChecked([[checkKey(key), checkValue(value)]], expirationInSeconds);
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const checked = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as [string, string]);
    this.putChecked(checked, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.entries.delete(checkKey(key));
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.store.entries.delete(checkKey(key));
  }

  private putChecked(entries: Array<[string, string]>, expirationInSeconds: number | undefined): void {
    const seconds = Math.min(expirationInSeconds ?? CACHE_DEFAULT_SECONDS, CACHE_MAX_SECONDS);
    if (!Number.isFinite(seconds) || seconds < 1) throw new GasError('Invalid argument: expirationInSeconds');
    const expiresAt = this.runtime.clock.now() + seconds * 1000;
    for (const [key, value] of entries) {
      this.store.entries.set(key, { value, expiresAt });
      this.runtime.recorder.record(`cache ${this.store.name} key`, key);
      this.runtime.recorder.record(`cache ${this.store.name}:${key}`, value);
    }
  }
}

function checkKey(key: unknown): string {
  const text = String(key ?? '');
  if (text === '') throw new GasError('Invalid argument: key');
  if (text.length > CACHE_KEY_LIMIT) throw new GasError('Argument too large: key');
  return text;
}

function checkValue(value: unknown): string {
  if (value === null || value === undefined) throw new GasError('Invalid argument: value');
  const text = String(value);
  if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_LIMIT) throw new GasError('Argument too large: value');
  return text;
}
