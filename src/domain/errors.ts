/**
 * One error model for the add-on. Every failure the add-on expects (bad input, a busy spreadsheet, Chat refusing,
 * the Chat app unable to sign in) is an `AddonError` with a stable code, told apart with `instanceof`, never by name
 * strings. Messages are written for the person using the sheet: no URL, token or request detail ever goes in them.
 */

import { type ApiFailure, plainReason } from './api-errors';
import { words } from './messages';

/** USER_INPUT: fixable by the person; BUSY: the lock; CHAT_API: Chat said no; APP_AUTH: the app's key; NETWORK: no answer. */
export type ErrorCode = 'USER_INPUT' | 'BUSY' | 'CHAT_API' | 'APP_AUTH' | 'NETWORK';

export class AddonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AddonError';
  }
}

/** Something the person asked for cannot be done as asked (they can fix it). */
export class UserError extends AddonError {
  constructor(message: string) {
    super('USER_INPUT', message);
    this.name = 'UserError';
  }
}

/** Another Chat roles operation holds the document lock. */
export class BusyError extends AddonError {
  constructor() {
    super('BUSY', words().error.busy);
    this.name = 'BusyError';
  }
}

/** Google Chat answered a read with an error; `failure` is what it said (status, RPC status, message). */
export class ChatApiError extends AddonError {
  constructor(
    readonly failure: ApiFailure,
    what: string,
  ) {
    super('CHAT_API', words().error.couldNot(what, userMessage(failure)));
    this.name = 'ChatApiError';
  }
}

/** The Chat app has no usable key, or Google refused its sign-in. */
export class AppAuthError extends AddonError {
  constructor(message: string) {
    super('APP_AUTH', message);
    // Shown like any other input problem (the name is what Apps Script prints before the message).
    this.name = 'UserError';
  }
}

/**
 * The words shown to people for a failure — in a menu dialog, the sidebar, or a row's Status. A Chat error answer
 * (parsed with api-errors' parseFailure) becomes its plain reason; an expected failure already says what happened
 * and what to do; anything else shows its own message (Apps Script's, in the sidebar).
 */
export function userMessage(error: unknown): string {
  if (isApiFailure(error)) return plainReason(error);
  return error instanceof Error ? error.message : String(error);
}

function isApiFailure(value: unknown): value is ApiFailure {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && typeof v.rpcStatus === 'string' && typeof v.message === 'string';
}

/** Whether a failure is one the add-on expects and explains in a dialog, rather than a bug to surface as is. */
export function isExpected(error: unknown): error is AddonError {
  return error instanceof AddonError;
}
