/**
 * Synchronous HTTP, as UrlFetchApp needs: a worker thread performs the requests (a batch concurrently, for fetchAll)
 * while the calling thread blocks in Atomics.wait on a SharedArrayBuffer, then reads the reply with
 * receiveMessageOnPort. The server must therefore live in another thread (see tools/emulator/thread.ts): a server on
 * the blocked thread could never answer.
 */

import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  followRedirects: boolean;
}

export type HttpResult =
  | { ok: true; status: number; headers: Array<[string, string]>; body: Uint8Array; durationMs: number }
  | { ok: false; kind: 'timeout' | 'network'; message: string; durationMs: number };

interface Reply {
  id: number;
  results?: HttpResult[];
  error?: string;
}

/** Apps Script has no timeout option but gives up on slow requests; the fakes give up after this long. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export class SyncHttpClient {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  constructor(private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {}

  /** Performs all requests concurrently and returns their results in order; blocks the calling thread meanwhile. */
  request(batch: readonly HttpRequest[]): HttpResult[] {
    if (batch.length === 0) return [];
    const port = this.start();
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    port.postMessage({ id, requests: batch, timeoutMs: this.timeoutMs });
    // The worker enforces the per-request timeout; the margin covers a worker that died without answering.
    const waited = Atomics.wait(this.flag, 0, 0, this.timeoutMs + 10_000);
    const received = receiveMessageOnPort(port);
    if (!received) {
      throw new Error(`gas-fakes sync-http: no reply from the HTTP worker (${waited})`);
    }
    const reply = received.message as Reply;
    if (reply.error !== undefined || !reply.results) {
      this.close();
      throw new Error(`gas-fakes sync-http: HTTP worker failed: ${reply.error ?? 'no results'}`);
    }
    if (reply.id !== id) throw new Error(`gas-fakes sync-http: reply ${reply.id} does not match request ${id}`);
    return reply.results;
  }

  /**
   * Starts the worker thread, its fetch and a connection with one throwaway GET, so a measurement that follows does
   * not include them: starting the thread costs about 0.2 s of real time (4 s at the bench's time scale), a cost of
   * this fake that Apps Script's UrlFetchApp does not have.
   */
  warm(url: string): void {
    this.request([{ url, method: 'GET', headers: {}, body: null, followRedirects: false }]);
  }

  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }

  private start(): MessagePort {
    if (this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(join(__dirname, 'sync-http-worker.js'), {
      workerData: { port: port2, signal: this.flag.buffer },
      transferList: [port2],
    });
    // Neither the worker nor the port may keep a test process alive.
    this.worker.unref();
    port1.unref();
    this.port = port1;
    return port1;
  }
}
