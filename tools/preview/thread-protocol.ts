/**
 * Messages between the preview server (main thread) and the Apps Script thread (a worker running the bundle on the
 * fakes). Commands change things and run one at a time, in order, like executions; peeks only read (or answer a
 * dialog) and are answered at once, even while a command is blocked in a sleep, a lock wait or a dialog.
 */

export type Command =
  | { type: 'run'; user: string; name: string; args: unknown[] }
  | { type: 'menu'; user: string; functionName: string }
  | { type: 'edit'; user: string; sheet: string; a1: string; value: string }
  | { type: 'activate'; sheet: string }
  /** Every preview user's Google locale (Session.getActiveUserLocale()), e.g. 'en' or 'zh_TW'; the menu is rebuilt. */
  | { type: 'locale'; locale: string };

export type Peek =
  | { type: 'snapshot'; user: string; sheet?: string; since?: string; rowLimit: number }
  | { type: 'progress'; user: string }
  | { type: 'answer'; id: number; button: string }
  | { type: 'speed'; factor: number };

export interface WorkerInit {
  dist: string;
  chatBaseUrl: string;
  /** A MessagePort (transferred) for peeks. */
  peekPort: unknown;
  /** Int32Array cell the main thread bumps (Atomics.notify) after posting a peek, to wake a blocked thread. */
  signal: SharedArrayBuffer;
  speed: number;
  generation: number;
}

export interface Envelope<T> {
  id: number;
  body: T;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type WorkerStatus = { type: 'ready' } | { type: 'failed'; error: string };
