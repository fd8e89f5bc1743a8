/** `npm run emulator -- --port 8787 --seed seed.json`: runs the Chat API emulator until interrupted. */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { demoSeed } from './demo-seed';
import { SeedError } from './seed';
import { startEmulator } from './server';

export function loadSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read seed file ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Seed file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8787' }, seed: { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got "${values.port}"`);
  const seed = values.seed ? loadSeedFile(values.seed) : demoSeed();
  const emulator = await startEmulator({ port, seed });
  console.log(`Chat API emulator listening on ${emulator.url}`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof SeedError ? e.message : `emulator: ${(e as Error).message}`);
  process.exit(1);
});
