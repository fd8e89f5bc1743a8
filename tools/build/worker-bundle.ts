/**
 * Worker threads get no TypeScript loader (nor jest's transform), so code that must run in one is bundled with
 * esbuild into a CommonJS file in the temp folder. The folder's name carries a hash of the code, so concurrent test
 * workers agree on it and a changed source never reuses a stale bundle; files are written under a temporary name
 * and renamed, so a reader never sees half a file.
 */

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';

export interface WorkerBundleOptions {
  /** What to bundle: an entry file, or source text (with the folder its imports resolve from). */
  entry: { file: string } | { contents: string; resolveDir: string };
  /** Name of the bundled file, e.g. `gas-worker.cjs`; also names the temp folder. */
  name: string;
  /** Files the bundle loads from its own folder at run time, copied next to it. */
  companions?: readonly string[];
}

export function bundleWorker(options: WorkerBundleOptions): string {
  const input: BuildOptions =
    'file' in options.entry
      ? { entryPoints: [options.entry.file] }
      : {
          stdin: {
            contents: options.entry.contents,
            resolveDir: options.entry.resolveDir,
            sourcefile: 'worker-entry.ts',
            loader: 'ts',
          },
        };
  const result = buildSync({
    ...input,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error(`esbuild produced no bundle for ${options.name}`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `${options.name.replace(/\.cjs$/, '')}-${hash}`);
  const path = join(dir, options.name);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  for (const companion of options.companions ?? []) copyFileSync(companion, join(dir, basename(companion)));
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, path);
  return path;
}
