/**
 * The JavaScript realm product code runs in. A vm context has its own Array, Date and Error: a Date made by the fakes
 * (in the test's realm) is not `instanceof Date` inside the bundle. The boundary converts values into the bundle's
 * realm so product checks like `v instanceof Date` behave as in Apps Script.
 */

import vm from 'node:vm';

export interface Realm {
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly Date: DateConstructor;
  readonly Error: ErrorConstructor;
}

export const HOST_REALM: Realm = { Array, Object, Date, Error };

/**
 * Intrinsics of a vm context, after making its Date read the fake clock: in Apps Script `new Date()` and `Date.now()`
 * move with Utilities.sleep, and product code that budgets its 6 minutes with Date.now() must see virtual time.
 */
export function installRealm(context: vm.Context, now: () => number): Realm {
  const install = vm.runInContext(
    `(function (now) {
      'use strict';
      const NativeDate = Date;
      function ClockDate(...args) {
        if (!new.target) return new NativeDate(now()).toString();
        return Reflect.construct(NativeDate, args.length === 0 ? [now()] : args, new.target);
      }
      ClockDate.prototype = NativeDate.prototype;
      Object.defineProperty(NativeDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
      ClockDate.now = function now_() { return now(); };
      ClockDate.parse = NativeDate.parse;
      ClockDate.UTC = NativeDate.UTC;
      Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true });
      return { Array, Object, Date: ClockDate, Error };
    })`,
    context,
  ) as (now: () => number) => Realm;
  return install(now);
}
