/**
 * A typed, promise-returning wrapper over google.script.run, derived from the server's exports: renaming or
 * changing a server function is a compile error here.
 */

import type * as Server from '../main';

type ServerApi = typeof Server;
type Callable = {
  [K in keyof ServerApi]: ServerApi[K] extends (...args: never[]) => unknown ? K : never;
}[keyof ServerApi];

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export function callServer<K extends Callable>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
