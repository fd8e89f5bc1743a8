/** One document lock serialises edit triggers, bulk apply, load and refresh. Never held across a dialog. */

import { BusyError } from '../domain/errors';

export function withDocumentLock<T>(waitMs: number, work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) throw new BusyError();
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
