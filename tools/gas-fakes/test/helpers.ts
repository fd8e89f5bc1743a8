/** Shared set-up for the fakes' own tests: a temporary dist/ folder, an environment, emulator control calls. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGasEnvironment, type GasEnvironment, type GasEnvironmentOptions } from '../index';

export const USERS = [
  { email: 'alice@example.com', token: 'tok-alice' },
  { email: 'bob@example.com', token: 'tok-bob' },
  { email: 'carol@example.com', token: 'tok-carol', hideEmail: true },
];

/** A dist/ folder with the given files (name → content); removed by the returned cleanup. */
export function tempDist(files: Record<string, string> = {}): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gas-fakes-dist-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeEnv(dist: string, overrides: Partial<GasEnvironmentOptions> = {}): GasEnvironment {
  return createGasEnvironment({
    users: USERS,
    activeUser: 'alice@example.com',
    dist,
    chatBaseUrl: 'http://127.0.0.1:9',
    ...overrides,
  });
}

/** The threaded emulator's control API: the one client every tool uses. */
export { emulatorControl as control } from '../../emulator/control-client';
