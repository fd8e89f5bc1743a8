/**
 * The Chat API emulator in a worker thread. Tests that drive the add-on through the Apps Script fakes block their own
 * thread on every UrlFetchApp call (synchronous HTTP), so the server must run elsewhere. Workers get no TypeScript
 * loader (nor jest's transform), so server.ts is bundled with esbuild into one CommonJS file in the temp folder.
 * Tests talk to the threaded emulator over its HTTP control API (/_emulator/reset, state, requests, config).
 */

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { bundleWorker } from '../build/worker-bundle';

export interface EmulatorThreadOptions {
  seed: unknown;
  config?: object;
}

export interface EmulatorThread {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  stop(): Promise<void>;
}

type FromWorker =
  | { type: 'ready'; url: string; port: number }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

const ENTRY = `
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator } from './server';

startEmulator({ port: 0, seed: workerData.seed, config: workerData.config })
  .then((emulator) => {
    parentPort.on('message', (message) => {
      if (message && message.type === 'stop') {
        emulator.stop().finally(() => {
          parentPort.postMessage({ type: 'stopped' });
          parentPort.close();
        });
      }
    });
    parentPort.postMessage({ type: 'ready', url: emulator.url, port: emulator.port });
  })
  .catch((error) => {
    parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) });
    parentPort.close();
  });
`;

let bundlePath: string | null = null;

/** Bundles once per process (see tools/build/worker-bundle.ts). */
function workerBundle(): string {
  if (bundlePath && existsSync(bundlePath)) return bundlePath;
  bundlePath = bundleWorker({ entry: { contents: ENTRY, resolveDir: __dirname }, name: 'chat-emulator-thread.cjs' });
  return bundlePath;
}

export async function startEmulatorThread(options: EmulatorThreadOptions): Promise<EmulatorThread> {
  const worker = new Worker(workerBundle(), { workerData: { seed: options.seed, config: options.config } });
  // A test that forgets stop() must not hang the process.
  worker.unref();
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`emulator thread exited with code ${code} before it was ready`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (message: FromWorker) => {
      worker.off('exit', onExit);
      if (message.type === 'ready') resolve({ url: message.url, port: message.port });
      else
        reject(new Error(message.type === 'error' ? message.message : 'emulator thread stopped before it was ready'));
    });
  });

  let stopping: Promise<void> | null = null;
  return {
    url: ready.url,
    port: ready.port,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.once('exit', () => resolve());
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'stopped') done();
        });
        worker.postMessage({ type: 'stop' });
      });
      return stopping;
    },
  };
}
