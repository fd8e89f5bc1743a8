import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import * as serverExports from '../../src/main';
import { buildAll } from '../../tools/build/build';

const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'UrlFetchApp',
  'ScriptApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'HtmlService',
  'Session',
  'Utilities',
  'Logger',
];

describe('the bundle clasp pushes', () => {
  let outDir: string;
  let built: { entryPoints: string[]; files: string[] };

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
    built = await buildAll(outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('contains Code.js, every sidebar page and the manifest', () => {
    expect(built.files).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
  });

  it('has a top-level function for every export of src/main.ts, callable by name', () => {
    const exported = Object.keys(serverExports).filter(
      (k) => typeof (serverExports as Record<string, unknown>)[k] === 'function',
    );
    expect(built.entryPoints.sort()).toEqual(exported.sort());
    const context = createContext({});
    runInContext(readFileSync(join(outDir, 'Code.js'), 'utf8'), context);
    for (const name of exported) {
      expect(runInContext(`typeof ${name}`, context)).toBe('function');
      // Declared with `function`, as Apps Script needs (not a property assigned at run time).
      expect(readFileSync(join(outDir, 'Code.js'), 'utf8')).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('touches no Apps Script service while loading (top-level code runs in AuthMode.NONE)', () => {
    const touched: string[] = [];
    const trap = (name: string) =>
      new Proxy(
        {},
        {
          get: () => {
            touched.push(name);
            throw new Error(`${name} used at load time`);
          },
        },
      );
    const context = createContext(Object.fromEntries(APPS_SCRIPT_SERVICES.map((n) => [n, trap(n)])));
    runInContext(readFileSync(join(outDir, 'Code.js'), 'utf8'), context);
    expect(touched).toEqual([]);
  });

  it('builds the menu from onInstall, and every menu item names a top-level function', () => {
    const items: string[] = [];
    const menu = {
      addItem: (caption: string, fn: string) => {
        items.push(`${caption} -> ${fn}`);
        return menu;
      },
      addSeparator: () => menu,
      addToUi: () => undefined,
    };
    const context = createContext({ SpreadsheetApp: { getUi: () => ({ createAddonMenu: () => menu }) } });
    runInContext(readFileSync(join(outDir, 'Code.js'), 'utf8'), context);
    runInContext('onInstall({ authMode: "FULL" })', context);
    expect(items).toEqual(
      expect.arrayContaining([
        'Open sidebar -> showSidebar',
        'Apply pending role changes -> applyPendingChangesFromMenu',
        'Refresh members -> refreshMembers',
        'Turn live editing on/off -> toggleLiveEditing',
      ]),
    );
    for (const item of items) {
      const fn = item.split(' -> ')[1] as string;
      expect(runInContext(`typeof ${fn}`, context)).toBe('function');
    }
  });

  it('inlines the sidebar script and stylesheet into one HTML file', () => {
    const html = readFileSync(join(outDir, 'Sidebar.html'), 'utf8');
    expect(html).not.toMatch(/inline:(script|style)/);
    expect(html).toMatch(/<style>[\s\S]*font-family[\s\S]*<\/style>/);
    expect(html).toMatch(/<script>[\s\S]*google\.script\.run[\s\S]*<\/script>/);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('copies a manifest with V8, explicit scopes and the URL allowlist: Chat, the token endpoint, People, Directory', () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    // Only Google's own hosts, each as a prefix ending in "/" (or a full endpoint).
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://chat.googleapis.com/',
      'https://oauth2.googleapis.com/token',
      'https://people.googleapis.com/',
      'https://admin.googleapis.com/',
    ]);
    for (const prefix of manifest.urlFetchWhitelist as string[])
      expect(prefix).toMatch(/^https:\/\/[a-z0-9]+\.googleapis\.com\//);
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/chat.memberships',
        // Names of people Chat lists without one: People API (domain profiles) and, for admins, the Directory.
        'https://www.googleapis.com/auth/directory.readonly',
        'https://www.googleapis.com/auth/admin.directory.user.readonly',
      ]),
    );
  });
});

describe('clasp', () => {
  it('would push exactly the built files from dist/', () => {
    // npm test builds dist/ before jest runs; clasp reads .clasp.json (rootDir "dist") offline.
    const out = execFileSync('npx', ['clasp', 'show-file-status', '--json'], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
    });
    const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
    expect(status.filesToPush.sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
    expect(status.untrackedFiles).toEqual([]);
  });
});
