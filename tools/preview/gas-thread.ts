/**
 * The main thread's handle on the Apps Script thread (gas-worker.ts). Workers get no TypeScript loader, so the worker
 * is bundled with esbuild into a folder of the temp directory, next to a copy of the fakes' sync-http-worker.js (which
 * the fakes load from their own folder).
 *
 * Commands are posted in order and the worker runs them one at a time; peeks go through a second port and wake the
 * worker (Atomics.notify) if it is blocked in a sleep or a dialog, so they are answered at once.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { bundleWorker } from '../build/worker-bundle';
import type { Command, Envelope, Peek, Reply, WorkerInit, WorkerStatus } from './thread-protocol';

export interface GasThreadOptions {
  dist: string;
  chatBaseUrl: string;
  speed: number;
  generation: number;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

let bundled: string | null = null;

function workerBundle(): string {
  if (bundled && existsSync(bundled)) return bundled;
  bundled = bundleWorker({
    entry: { file: join(__dirname, 'gas-worker.ts') },
    name: 'gas-worker.cjs',
    // The fakes load their sync-HTTP worker from their own folder: it has to sit next to the bundle.
    companions: [join(__dirname, '..', 'gas-fakes', 'sync-http-worker.js')],
  });
  return bundled;
}

export class GasThread {
  /** Why the thread is gone (crashed or stopped); null while it runs. */
  failure: string | null = null;
  private nextId = 1;
  private readonly commands = new Map<number, Waiting>();
  private readonly peeks = new Map<number, Waiting>();

  private constructor(
    private readonly worker: Worker,
    private readonly peekPort: MessagePort,
    private readonly signal: Int32Array,
  ) {
    worker.on('message', (message: Reply | WorkerStatus) => {
      if ('id' in message) this.settle(this.commands, message);
    });
    peekPort.on('message', (message: Reply) => this.settle(this.peeks, message));
    worker.on('error', (e) => this.fail(`The Apps Script thread crashed: ${e.message}`));
    worker.on('exit', (code) => this.fail(`The Apps Script thread stopped (exit code ${code}).`));
  }

  static async start(options: GasThreadOptions): Promise<GasThread> {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const init: WorkerInit = { ...options, peekPort: port2, signal };
    const worker = new Worker(workerBundle(), { workerData: init, transferList: [port2] });
    worker.unref();
    port1.unref();
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the Apps Script thread exited with code ${code} at start`));
      worker.once('exit', onExit);
      worker.once('error', reject);
      worker.once('message', (message: WorkerStatus) => {
        worker.off('exit', onExit);
        worker.off('error', reject);
        if (message.type === 'ready') resolve();
        else reject(new Error(`the Apps Script thread could not start: ${message.error}`));
      });
    });
    return new GasThread(worker, port1, new Int32Array(signal));
  }

  /** Runs a command after the ones already queued. */
  command(body: Command): Promise<unknown> {
    return this.send(this.commands, body, (message) => this.worker.postMessage(message));
  }

  /** Asks a read-only question (or answers a dialog); answered even while a command is running. */
  peek(body: Peek): Promise<unknown> {
    return this.send(this.peeks, body, (message) => {
      this.peekPort.postMessage(message);
      Atomics.add(this.signal, 0, 1);
      Atomics.notify(this.signal, 0);
    });
  }

  /** Commands sent and not answered yet (the running one included). */
  get queued(): number {
    return this.commands.size;
  }

  async stop(): Promise<void> {
    this.fail('The Apps Script thread was stopped.');
    this.peekPort.close();
    await this.worker.terminate();
  }

  private send<T>(table: Map<number, Waiting>, body: T, post: (message: Envelope<T>) => void): Promise<unknown> {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      table.set(id, { resolve, reject });
      post({ id, body });
    });
  }

  private settle(table: Map<number, Waiting>, message: Reply): void {
    const waiting = table.get(message.id);
    if (!waiting) return;
    table.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new Error(message.error));
  }

  private fail(reason: string): void {
    this.failure ??= reason;
    for (const table of [this.commands, this.peeks]) {
      for (const waiting of table.values()) waiting.reject(new Error(this.failure));
      table.clear();
    }
  }
}
