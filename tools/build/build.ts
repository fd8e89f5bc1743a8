/**
 * Bundles the add-on into dist/, the folder clasp pushes:
 * - Code.js: the server code as one IIFE plus a top-level function per export of src/main.ts (Apps Script only
 *   sees top-level function declarations; the names come from esbuild's metafile, not from a hand-kept list);
 * - every src/sidebar/*.html with its script and stylesheet inlined (HtmlService can only serve .html files);
 * - appsscript.json.
 */

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '../..');
const SERVER_ENTRY = join(root, 'src/main.ts');
const SIDEBAR_DIR = join(root, 'src/sidebar');
const GLOBAL_NAME = '__app';

/** Export names of the server entry module, read from esbuild's metafile. */
export async function serverEntryPoints(): Promise<string[]> {
  const result = await build({
    entryPoints: [SERVER_ENTRY],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error('esbuild produced no output for the server entry');
  return [...output.exports].sort();
}

export function stubsFor(names: readonly string[]): string {
  return names.map((name) => `function ${name}() { return ${GLOBAL_NAME}.${name}.apply(this, arguments); }`).join('\n');
}

async function buildServer(outDir: string): Promise<string[]> {
  const names = await serverEntryPoints();
  const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n));
  if (bad.length > 0) throw new Error(`Exports that cannot be Apps Script globals: ${bad.join(', ')}`);
  await build({
    entryPoints: [SERVER_ENTRY],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    outfile: join(outDir, 'Code.js'),
    banner: { js: '// Built by tools/build/build.ts from src/. Do not edit: run `npm run build`.' },
    footer: { js: `\n// Apps Script entry points (one per export of src/main.ts)\n${stubsFor(names)}\n` },
    logLevel: 'warning',
  });
  return names;
}

const INLINE = /<!--\s*inline:(script|style)\s+([\w./-]+)\s*-->/g;

/** Inlines `<!-- inline:script file.ts -->` and `<!-- inline:style file.css -->` markers. */
async function buildHtml(file: string, outDir: string): Promise<void> {
  const template = readFileSync(join(SIDEBAR_DIR, file), 'utf8');
  const replacements = new Map<string, string>();
  for (const [marker, kind, source] of template.matchAll(INLINE)) {
    const path = join(SIDEBAR_DIR, source as string);
    if (kind === 'style') {
      replacements.set(marker, `<style>\n${readFileSync(path, 'utf8')}</style>`);
    } else {
      const result = await build({
        entryPoints: [path],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        platform: 'browser',
        write: false,
        logLevel: 'warning',
      });
      // A literal "</script" inside the code would end the inline <script> element early.
      const code = (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
      replacements.set(marker, `<script>\n${code}</script>`);
    }
  }
  const html = template.replace(INLINE, (marker) => replacements.get(marker) ?? marker);
  writeFileSync(join(outDir, file), html);
}

export async function buildAll(outDir = join(root, 'dist')): Promise<{ entryPoints: string[]; files: string[] }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entryPoints = await buildServer(outDir);
  const pages = readdirSync(SIDEBAR_DIR).filter((f) => f.endsWith('.html'));
  for (const page of pages) await buildHtml(page, outDir);
  copyFileSync(join(root, 'appsscript.json'), join(outDir, 'appsscript.json'));
  return { entryPoints, files: readdirSync(outDir).sort() };
}

if (require.main === module) {
  buildAll()
    .then(({ entryPoints, files }) => {
      console.log(`dist/: ${files.join(', ')}`);
      console.log(`entry points: ${entryPoints.join(', ')}`);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
