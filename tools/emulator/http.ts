/** Writing the emulator's JSON answers. */

import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, pretty = true): void {
  const text = body === undefined ? '' : `${JSON.stringify(body, null, pretty ? 2 : undefined)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
