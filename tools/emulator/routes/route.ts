/** The shapes of the emulator's route tables: Chat API methods, and the Google APIs told apart by path. */

import type { CallContext } from '../context';
import type { ChatRequest, Services } from '../router';
import type { MethodId } from '../scopes';
import type { Principal } from '../state';

/** One Chat API method: its URL pattern, the query parameters it accepts and its handler. */
export interface ChatRoute {
  method: string;
  id: MethodId;
  pattern: RegExp;
  params: string[];
  run: (ctx: CallContext, args: string[]) => unknown;
}

/** A path segment that is one resource id (decoded and checked after matching). */
export const SEGMENT = '([^/:]+)';

export type ApiFamily = 'oauth' | 'people' | 'directory' | 'chat';

/** One Google API served on this host: which paths are its own, and the handler that runs its checks in order. */
export interface ApiRoute {
  family: ApiFamily;
  owns(path: string): boolean;
  handle(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown;
}
