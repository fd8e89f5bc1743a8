/**
 * The membrane between product code and the fakes. Product code never touches a fake directly: it gets a Proxy that
 * - exposes only the members the fake declares (its FakeSpec), so a call to anything else fails loudly;
 * - counts every method call (`calls['Range.getValues']++`) and applies the hard stop before the call runs;
 * - converts values into the caller's realm (arrays, Dates, plain objects, errors) and back.
 * A boundary without a runtime is the tests' inspection view: same objects, nothing counted, host-realm values.
 */

import { types } from 'node:util';
import { HardStopError, NotImplementedError } from './errors';
import { type FakeSpec, specOf } from './fake';
import { HOST_REALM, type Realm } from './realm';
import type { Runtime } from './runtime';

/** Proxy → fake, across all boundaries, so a proxy handed back by any caller unwraps to its fake. */
const targets = new WeakMap<object, object>();

/** Names that probing code (jest, Promise resolution, util.inspect) reads: answer undefined, never "not implemented". */
const PROBES = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'constructor',
  'inspect',
  'valueOf',
  'length',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'prototype',
  'call',
  'apply',
  'bind',
]);

interface OpenFake {
  vars: Record<string, unknown>;
}

export class Boundary {
  private readonly wrappers = new WeakMap<object, Map<string, (...args: unknown[]) => unknown>>();

  constructor(
    /** null: the uncounted inspection view for tests. */
    private readonly runtime: Runtime | null,
    readonly realm: Realm = HOST_REALM,
  ) {}

  /**
   * A new proxy for a fake on every hand-out: as in Apps Script, `ss.getActiveSheet() === ss.getSheets()[0]` is false
   * (compare sheets by getSheetId()), so product code that relies on object identity fails here as it would there.
   */
  wrap(fake: object): object {
    const spec = specOf(fake);
    if (!spec) throw new Error('gas-fakes: boundary.wrap called with an object that has no FakeSpec');
    const methods = new Set(spec.methods);
    const props = new Set(spec.props ?? []);
    const proxy = new Proxy(fake, {
      get: (target, prop) => {
        if (typeof prop === 'symbol') return prop === Symbol.toStringTag ? spec.kind : undefined;
        if (methods.has(prop)) return this.method(target, spec, prop);
        if (props.has(prop)) return this.exportValue((target as Record<string, unknown>)[prop]);
        if (prop === 'toString') return () => spec.kind;
        if (spec.openProps) return (target as unknown as OpenFake).vars[prop];
        if (/^[a-z][A-Za-z0-9]*$/.test(prop) && !PROBES.has(prop)) {
          return () => {
            throw this.exportError(new NotImplementedError(`${spec.kind}.${prop}`));
          };
        }
        return undefined;
      },
      set: (target, prop, value) => {
        // Only HtmlTemplate takes arbitrary assignments; values stay in the caller's realm for the scriptlets.
        if (spec.openProps && typeof prop === 'string' && !methods.has(prop)) {
          (target as unknown as OpenFake).vars[prop] = value;
          return true;
        }
        throw this.exportError(new TypeError(`gas-fakes: cannot assign ${String(prop)} on ${spec.kind}`));
      },
      has: (target, prop) =>
        typeof prop === 'string' &&
        (methods.has(prop) ||
          props.has(prop) ||
          (spec.openProps === true && prop in (target as unknown as OpenFake).vars)),
      // Internal state stays hidden: JSON.stringify(range) is '{}' as in Apps Script, and jest sees no fields.
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
      defineProperty: () => false,
      deleteProperty: () => false,
      getPrototypeOf: () => this.realm.Object.prototype,
    });
    targets.set(proxy, fake);
    return proxy;
  }

  /** Converts a fake's result for the caller: fakes become proxies, containers and Dates are copied into the realm. */
  exportValue(value: unknown, seen: Map<object, unknown> = new Map()): unknown {
    if (value === null || typeof value !== 'object') return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    const fake = targets.get(value);
    if (fake) return this.wrap(fake);
    if (specOf(value)) return this.wrap(value);
    if (types.isDate(value)) return new this.realm.Date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = new this.realm.Array<unknown>();
      seen.set(value, out);
      for (const item of value) out.push(this.exportValue(item, seen));
      return out;
    }
    if (isPlainObject(value)) {
      const out = new this.realm.Object() as Record<string, unknown>;
      seen.set(value, out);
      for (const [k, v] of Object.entries(value)) out[k] = this.exportValue(v, seen);
      return out;
    }
    return value;
  }

  /** Errors thrown by fakes become errors of the caller's realm (`e instanceof Error` holds in product code). */
  exportError(error: unknown): unknown {
    if (error instanceof HardStopError || this.realm === HOST_REALM) return error;
    if (!types.isNativeError(error) && !(error instanceof Error)) return error;
    const source = error as Error;
    const converted = new this.realm.Error(source.message);
    converted.name = source.name;
    converted.stack = `${source.name}: ${source.message}\n${(source.stack ?? '').split('\n').slice(1).join('\n')}`;
    return converted;
  }

  private method(target: object, spec: FakeSpec, name: string): (...args: unknown[]) => unknown {
    let byName = this.wrappers.get(target);
    if (!byName) {
      byName = new Map();
      this.wrappers.set(target, byName);
    }
    const cached = byName.get(name);
    if (cached) return cached;
    const fn = (target as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`gas-fakes: ${spec.kind}.${name} is listed but not a method`);
    const call = `${spec.kind}.${name}`;
    const runtime = this.runtime;
    const wrapper = (...args: unknown[]): unknown => {
      const stopAfter = runtime ? runtime.enter(call) : null;
      let result: unknown;
      try {
        result = (fn as (...a: unknown[]) => unknown).apply(
          target,
          args.map((a) => importValue(a)),
        );
      } catch (e) {
        throw this.exportError(e);
      }
      if (stopAfter !== null && runtime) throw runtime.kill(runtime.current(), stopAfter, call);
      return this.exportValue(result);
    };
    byName.set(name, wrapper);
    return wrapper;
  }
}

/** Converts a value product code passed in: proxies unwrap to fakes, containers and Dates are copied into this realm. */
export function importValue(value: unknown, seen: Map<object, unknown> = new Map()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  const fake = targets.get(value);
  if (fake) return fake;
  if (specOf(value)) return value;
  if (types.isDate(value)) return new Date((value as Date).getTime());
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(importValue(item, seen));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [k, v] of Object.entries(value)) out[k] = importValue(v, seen);
    return out;
  }
  return value;
}

/** The fake behind a proxy (or the value itself when it is already a fake). */
export function unwrapFake<T extends object>(value: unknown): T | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const fake = targets.get(value);
  if (fake) return fake as T;
  return specOf(value) ? (value as T) : undefined;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}
