/**
 * The preview page's scripts, bundled from page/*.ts by esbuild when the preview server starts (in memory; nothing is
 * written): the page itself (main.ts) and the google.script.run shim the sidebar gets (gas-shim.ts).
 */

import { join } from 'node:path';
import { build } from 'esbuild';

const PAGE_DIR = join(__dirname, 'page');
/** Served name → entry point. */
const ENTRIES: Record<string, string> = { 'app.js': 'main.ts', 'gas-shim.js': 'gas-shim.ts' };

export async function bundlePageScripts(): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  await Promise.all(
    Object.entries(ENTRIES).map(async ([served, entry]) => {
      const result = await build({
        entryPoints: [join(PAGE_DIR, entry)],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      scripts.set(served, result.outputFiles[0]?.text ?? '');
    }),
  );
  return scripts;
}
