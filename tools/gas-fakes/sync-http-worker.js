/**
 * Worker thread of the synchronous HTTP client (sync-http.ts). Plain CommonJS so it runs without a TypeScript loader.
 * The caller thread is blocked in Atomics.wait: this worker performs every request of a batch concurrently, posts the
 * results on the shared MessagePort, then flips the shared flag and wakes the caller.
 */
const { workerData } = require('node:worker_threads');

const { port, signal } = workerData;
const flag = new Int32Array(signal);

function wake(state) {
  Atomics.store(flag, 0, state);
  Atomics.notify(flag, 0);
}

async function perform(request, timeoutMs) {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body === null ? undefined : request.body,
      redirect: request.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    return { ok: true, status: response.status, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    const timedOut = error?.name === 'TimeoutError' || error?.name === 'AbortError';
    const cause = error?.cause ? error.cause.code || error.cause.message : undefined;
    return {
      ok: false,
      kind: timedOut ? 'timeout' : 'network',
      message: String(cause || error?.message || error),
      durationMs: performance.now() - started,
    };
  }
}

port.on('message', async (message) => {
  try {
    const results = await Promise.all(message.requests.map((r) => perform(r, message.timeoutMs)));
    port.postMessage({ id: message.id, results });
    wake(1);
  } catch (error) {
    port.postMessage({ id: message.id, error: String(error?.stack || error) });
    wake(1);
  }
});

process.on('uncaughtException', (error) => {
  try {
    port.postMessage({ id: -1, error: String(error?.stack || error) });
  } finally {
    wake(2);
  }
});
