/** One document lock serialises edit triggers, bulk apply, load and refresh. Never held across a dialog. */

export class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor() {
    super('Another Chat roles operation is running in this spreadsheet. Try again in a moment.');
  }
}

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
