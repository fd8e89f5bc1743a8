/**
 * The shape of src/, enforced: Apps Script globals only in the adapters and the entry; use cases and the domain
 * never import an adapter; no source file over 300 lines; no function over 80 lines in src/ or tools/.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const SRC = join(__dirname, '..', 'src');
const GLOBALS = [
  'SpreadsheetApp',
  'UrlFetchApp',
  'PropertiesService',
  'ScriptApp',
  'Session',
  'LockService',
  'CacheService',
  'HtmlService',
  'Utilities',
];
const MAX_LINES = 300;
const MAX_FUNCTION_LINES = 80;
const TOOLS = join(__dirname, '..', 'tools');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const sources = files(SRC)
  .filter((path) => /\.(ts|html|css)$/.test(path))
  .map((path) => ({ path: relative(SRC, path).replace(/\\/g, '/'), text: readFileSync(path, 'utf8') }));
const code = sources.filter((s) => s.path.endsWith('.ts'));

/** Source text without comments, so a global named in a comment does not count. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('source layout', () => {
  it('uses Apps Script globals only in src/adapters and src/main.ts', () => {
    const pattern = new RegExp(`\\b(${GLOBALS.join('|')})\\.`);
    const offenders = code
      .filter((s) => !s.path.startsWith('adapters/') && s.path !== 'main.ts')
      .filter((s) => pattern.test(withoutComments(s.text)))
      .map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('keeps src/app and src/domain free of adapter imports', () => {
    const offenders = code
      .filter((s) => s.path.startsWith('app/') || s.path.startsWith('domain/'))
      .filter((s) => /from\s+'[./]*adapters\//.test(s.text) || /from\s+'\.\.\/main'/.test(s.text))
      .map((s) => s.path);
    expect(offenders).toEqual([]);
  });

  it('keeps src/domain free of use-case imports', () => {
    const offenders = code.filter((s) => s.path.startsWith('domain/') && /from\s+'\.\.\/app\//.test(s.text));
    expect(offenders.map((s) => s.path)).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = sources
      .map((s) => ({ path: s.path, lines: s.text.split('\n').length - (s.text.endsWith('\n') ? 1 : 0) }))
      .filter((s) => s.lines > MAX_LINES)
      .map((s) => `${s.path} (${s.lines})`);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines in src/ or tools/ (tests aside)`, () => {
    const tools = files(TOOLS)
      .filter((path) => path.endsWith('.ts') && !/[\\/]test[\\/]/.test(path))
      .map((path) => ({
        path: `tools/${relative(TOOLS, path).replace(/\\/g, '/')}`,
        text: readFileSync(path, 'utf8'),
      }));
    const all = [...code.map((s) => ({ ...s, path: `src/${s.path}` })), ...tools];
    expect(all.length).toBeGreaterThan(100);
    expect(all.flatMap((s) => longFunctions(s.path, s.text))).toEqual([]);
  });

  it('really scans the tree (the checks above are not vacuous)', () => {
    expect(code.map((s) => s.path)).toEqual(expect.arrayContaining(['main.ts', 'app/ports.ts', 'adapters/http.ts']));
  });
});

/** Functions, methods and arrow functions longer than MAX_FUNCTION_LINES, as `path:line name (lines)`. */
function longFunctions(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name =
          node.name?.getText(source) ??
          (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : 'function');
        found.push(`${path}:${first + 1} ${name} (${lines})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
