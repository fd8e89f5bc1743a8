/** Calls to the preview server's JSON API. */

import { messageOf, showNote } from './dom';
import { ui } from './ui';

/** A command's result: the value, or the error message of the script. */
export interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
}

/**
 * One request. A POST always carries a JSON body (`{}` when there is nothing to say): the server refuses any other
 * content type with 415, which is how "Reset demo" used to fail.
 */
export async function api<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (method === 'POST') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(path, init);
  const data = await res.json();
  if (!res.ok) throw new Error(data && typeof data.error === 'string' ? data.error : `HTTP ${res.status}`);
  return data as T;
}

/** Runs an action started by a click; a failure (the server gone, a refused request) is shown, never left uncaught. */
export function guard(action: Promise<unknown>, where: HTMLElement = ui.editNote): void {
  action.catch((e) => showNote(where, messageOf(e), true));
}

export function showBanner(text: string): void {
  ui.banner.textContent = text;
  ui.banner.hidden = text === '';
}
