/**
 * LockService: document, user and script locks owned by executions. Waiting happens on the clock (instant with the
 * virtual clock), so "another execution holds the lock for 20 s" costs a test nothing. Locks are released when their
 * execution ends and while a dialog is open (Apps Script releases them during Ui.alert/prompt).
 */

import { GasError } from './errors';
import { asApi, type FakeSpec } from './fake';
import type { Runtime } from './runtime';
import type { FakeSpreadsheet } from './spreadsheet/spreadsheet';

type Lock = GoogleAppsScript.Lock.Lock;

export type LockKind = 'document' | 'user' | 'script';

interface Holder {
  /** Execution id; negative ids are stand-ins for executions the test simulates (sim.holdLock). */
  owner: number;
  /** When a simulated holder lets go; null: only an explicit release. */
  releaseAt: number | null;
}

export class LockTable {
  private readonly holders = new Map<string, Holder>();
  private nextPhantom = -1;

  constructor(
    private readonly runtime: Runtime,
    private readonly spreadsheet: FakeSpreadsheet,
  ) {
    runtime.onExecutionEnd((ex) => this.releaseAllOf(ex.id));
    runtime.onPause((ex) => this.releaseAllOf(ex.id));
  }

  key(kind: LockKind, userEmail: string): string {
    if (kind === 'document') return `document:${this.spreadsheet.id}`;
    if (kind === 'user') return `user:${userEmail}`;
    return 'script';
  }

  holder(key: string): Holder | undefined {
    const h = this.holders.get(key);
    if (h && h.releaseAt !== null && h.releaseAt <= this.runtime.clock.now()) {
      this.holders.delete(key);
      return undefined;
    }
    return h;
  }

  take(key: string, owner: number): void {
    this.holders.set(key, { owner, releaseAt: null });
  }

  release(key: string, owner: number): void {
    if (this.holders.get(key)?.owner === owner) this.holders.delete(key);
  }

  /** Another (simulated) execution takes the lock, optionally letting go after some time on the clock. */
  holdAsOther(kind: LockKind, userEmail: string, releaseAfterMs: number | null): { release(): void } {
    const key = this.key(kind, userEmail);
    if (this.holder(key)) throw new Error(`gas-fakes: the ${kind} lock is already held`);
    const owner = this.nextPhantom--;
    this.holders.set(key, {
      owner,
      releaseAt: releaseAfterMs === null ? null : this.runtime.clock.now() + releaseAfterMs,
    });
    return { release: () => this.release(key, owner) };
  }

  private releaseAllOf(owner: number): void {
    for (const [key, h] of this.holders) if (h.owner === owner) this.holders.delete(key);
  }
}

const SERVICE_API = [
  'getDocumentLock',
  'getScriptLock',
  'getUserLock',
] as const satisfies readonly (keyof GoogleAppsScript.Lock.LockService)[];

export class FakeLockService implements Pick<GoogleAppsScript.Lock.LockService, (typeof SERVICE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'LockService', methods: SERVICE_API };
  constructor(
    private readonly runtime: Runtime,
    private readonly table: LockTable,
  ) {}

  /** null inside a clock trigger under strict noDocumentInTimeTriggers. */
  getDocumentLock(): Lock {
    if (this.runtime.withoutDocument()) {
      this.runtime.authorize('LockService.getDocumentLock', 'LIMITED', []);
      return null as unknown as Lock;
    }
    return this.lock('document');
  }
  getScriptLock(): Lock {
    return this.lock('script');
  }
  getUserLock(): Lock {
    return this.lock('user');
  }
  private lock(kind: LockKind): Lock {
    this.runtime.authorize(`LockService.get${kind[0]?.toUpperCase()}${kind.slice(1)}Lock`, 'LIMITED', []);
    const key = this.table.key(kind, this.runtime.current().effectiveUser.email);
    return asApi(new FakeLock(this.runtime, this.table, key));
  }
}

const LOCK_API = ['hasLock', 'releaseLock', 'tryLock', 'waitLock'] as const satisfies readonly (keyof Lock)[];

export class FakeLock implements Pick<Lock, (typeof LOCK_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Lock', methods: LOCK_API };
  private acquired = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly table: LockTable,
    private readonly key: string,
  ) {}

  /** Waits up to timeoutInMillis on the clock; false if the lock is still held by another execution then. */
  tryLock(timeoutInMillis: number): boolean {
    const me = this.runtime.current().id;
    const holder = this.table.holder(this.key);
    if (!holder || holder.owner === me) return this.take(me);
    const now = this.runtime.clock.now();
    const timeout = Math.max(0, Number(timeoutInMillis) || 0);
    if (holder.releaseAt !== null && holder.releaseAt <= now + timeout) {
      this.runtime.sleep(holder.releaseAt - now, 'Lock.tryLock');
      this.table.release(this.key, holder.owner);
      return this.take(me);
    }
    this.runtime.sleep(timeout, 'Lock.tryLock');
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new GasError('Lock timeout: another process was holding the lock for too long.');
    }
  }
  releaseLock(): void {
    this.table.release(this.key, this.runtime.current().id);
    this.acquired = false;
  }
  hasLock(): boolean {
    return this.acquired && this.table.holder(this.key)?.owner === this.runtime.current().id;
  }

  private take(owner: number): boolean {
    this.table.take(this.key, owner);
    this.acquired = true;
    return true;
  }
}
