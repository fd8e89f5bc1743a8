/**
 * loadBundle: runs the built dist/Code.js (what clasp pushes) in vm contexts whose globals are the fakes, and calls its
 * top-level functions the ways Apps Script does: menu clicks and direct runs (FULL), google.script.run from the
 * sidebar (serializable values only), simple triggers (onOpen, onInstall, onEdit) in their auth modes. Installable
 * triggers fired by the simulation run through the same loader.
 *
 * Like Apps Script, every execution starts from a fresh global scope by default: state a product module keeps in a
 * top-level variable does not survive from one call to the next.
 */

import { readFileSync } from 'node:fs';
import { types } from 'node:util';
import vm from 'node:vm';
import { importValue } from './boundary';
import type { GasEnvironment } from './env';
import { GasError } from './errors';
import type { AuthModeName, BundleRunner } from './runtime';
import { FakeUser } from './user';

export interface LoadBundleOptions {
  /** Keep one global scope for all executions (faster; hides state-between-executions bugs). Default false. */
  reuseContext?: boolean;
}

export interface LoadedBundle {
  /** Calls a top-level function as the current user (see sim.as), in FULL mode: a menu click or a direct run. */
  call(name: string, ...args: unknown[]): unknown;
  /** google.script.run: no private (`_`) functions, serializable arguments; a result holding a Date arrives as null. */
  run(name: string, ...args: unknown[]): unknown;
  /** A simple trigger: onOpen (LIMITED unless authMode says NONE), onInstall (FULL), onEdit (LIMITED). */
  simpleTrigger(name: string, event?: Record<string, unknown>, options?: { authMode?: AuthModeName }): unknown;
  /** Clicks a recorded menu item by caption or path ("Add-on > Refresh"). */
  clickMenu(captionOrPath: string): unknown;
  /** Whether the bundle defines a top-level function of that name. */
  has(name: string): boolean;
  /** The vm context of the latest execution. */
  lastContext(): vm.Context | null;
}

export function loadBundle(codeJsPath: string, env: GasEnvironment, options: LoadBundleOptions = {}): LoadedBundle {
  const runtime = env.runtime;
  const { runner, lastContext } = bundleRunner(codeJsPath, env, options);
  runtime.bundle = runner;

  const activeEmail = () => {
    const me = runtime.current();
    return me.activeUser?.email ?? me.effectiveUser.email;
  };
  const call = (name: string, authMode: AuthModeName, args: unknown[]): unknown => {
    const user = activeEmail();
    const result = runtime.run({ kind: 'direct', effectiveUser: user, activeUser: user, authMode }, () =>
      runner.invoke(name, (exportValue) => args.map(exportValue)),
    );
    return importValue(result);
  };

  return {
    call: (name, ...args) => call(name, 'FULL', args),
    run: (name, ...args) => googleScriptRun(name, args, (plain) => call(name, 'FULL', plain)),
    simpleTrigger: (name, event = {}, opts) => {
      const mode: AuthModeName = opts?.authMode ?? (name === 'onInstall' ? 'FULL' : 'LIMITED');
      const user = activeEmail();
      const result = runtime.run(
        { kind: 'simple-trigger', effectiveUser: user, activeUser: user, authMode: mode },
        () =>
          runner.invoke(name, (exportValue) => [
            exportValue({ authMode: mode, source: env.spreadsheet, user: new FakeUser(user), ...event }),
          ]),
      );
      return importValue(result);
    },
    clickMenu: (captionOrPath) => call(menuFunction(env, captionOrPath), 'FULL', []),
    has: (name) => runner.has(name),
    lastContext,
  };
}

/** Runs the bundle's top level in a fresh (or the shared) context per execution, and calls its functions. */
function bundleRunner(
  codeJsPath: string,
  env: GasEnvironment,
  options: LoadBundleOptions,
): { runner: BundleRunner; lastContext(): vm.Context | null } {
  const runtime = env.runtime;
  const script = new vm.Script(readFileSync(codeJsPath, 'utf8'), { filename: codeJsPath });
  let shared: ReturnType<GasEnvironment['createContext']> | null = null;
  let last: vm.Context | null = null;

  /** Top-level code runs in onOpen's mode (possibly NONE): it must not touch authorized services. */
  const instantiate = () => {
    if (options.reuseContext && shared) return shared;
    const created = env.createContext();
    runtime.current().vmContext = created.context;
    runtime.withAuthMode('NONE', () => script.runInContext(created.context));
    if (options.reuseContext) shared = created;
    return created;
  };

  // Load once up front: top-level errors surface here, and has() can look at the global scope.
  const probe = runtime.run(
    { kind: 'direct', effectiveUser: runtime.current().effectiveUser.email, activeUser: null, authMode: 'NONE' },
    () => instantiate(),
  );
  const defined = new Set(
    Object.keys(probe.context).filter((k) => typeof (probe.context as Record<string, unknown>)[k] === 'function'),
  );

  const runner: BundleRunner = {
    invoke(name, makeArgs) {
      const { context, boundary } = instantiate();
      runtime.current().vmContext = context;
      last = context;
      const fn = (context as Record<string, unknown>)[name];
      if (typeof fn !== 'function') throw new GasError(`Script function not found: ${name}`);
      return Reflect.apply(
        fn as (...a: unknown[]) => unknown,
        undefined,
        makeArgs((v) => boundary.exportValue(v)),
      );
    },
    has: (name) => defined.has(name),
  };
  return { runner, lastContext: () => last };
}

/** google.script.run's rules around a call: public functions only, plain data in, a result with a Date as null. */
function googleScriptRun(name: string, args: unknown[], call: (plain: unknown[]) => unknown): unknown {
  if (name.endsWith('_')) throw new TypeError(`google.script.run.${name} is not a function`);
  args.forEach((a, i) => {
    const bad = illegal(a, `argument ${i}`);
    if (bad) throw new Error(`google.script.run: illegal value in ${bad}`);
  });
  const result = call(args.map((a) => JSON.parse(JSON.stringify(a ?? null)) as unknown));
  return illegal(result, 'result') ? null : result;
}

function menuFunction(env: GasEnvironment, captionOrPath: string): string {
  const items = env.sim.ui.menuItems();
  const item = items.find((m) => m.path === captionOrPath || m.caption === captionOrPath);
  if (!item)
    throw new Error(`gas-fakes: no menu item "${captionOrPath}" (menus: ${items.map((m) => m.path).join(', ')})`);
  return item.functionName;
}

/** google.script.run passes primitives, arrays and plain objects only (no Date, function, class instance). */
function illegal(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return null;
  if (t !== 'object' || types.isDate(value)) return path;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = illegal(v, `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return path;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const bad = illegal(v, `${path}.${k}`);
    if (bad) return bad;
  }
  return null;
}
