/**
 * `npm start`: builds dist/ (what clasp pushes) and serves the local preview on http://127.0.0.1:$PORT/ (default
 * 8080; PORT=0 picks a free port). Prints one line, the address. `--no-build` serves the dist/ already there.
 */

import { buildAll } from '../build/build';
import { startPreview } from './server';

function portFromEnv(): number {
  const raw = process.env.PORT ?? '';
  if (raw.trim() === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv();
  if (!process.argv.includes('--no-build')) await buildAll();
  const preview = await startPreview({ port }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`port ${port} is in use: set PORT to another one (PORT=0 picks a free port)`);
    throw e;
  });
  console.log(`Preview: ${preview.url}`);
  const stop = () => void preview.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`preview: ${(e as Error).message}`);
  process.exit(1);
});
