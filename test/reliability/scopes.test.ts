/**
 * The manifest asks for exactly the OAuth scopes the bundle needs. The needed set is derived from the built
 * dist/Code.js (what clasp pushes): the Apps Script services it calls and the Google API endpoints it fetches, each
 * mapped to its narrowest scope by the explicit tables below. A scope in the manifest that nothing needs (a broad one
 * left over, a write scope for a read) fails, and so does a service or endpoint the tables do not know.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from '../support/harness';

const AUTH = 'https://www.googleapis.com/auth/';

interface Need {
  what: string;
  /** Found in the bundle's text when the bundle needs it. */
  pattern: RegExp;
  /** The scope it needs (short name, without the auth URL prefix); null: none. */
  scope: string | null;
}

/** Apps Script services: every `Service.method` the bundle calls must match one row. */
const SERVICES: Need[] = [
  {
    what: 'the bound spreadsheet (SpreadsheetApp.getActive…, flush, data validation)',
    pattern: /SpreadsheetApp\.(getActive|getActiveSpreadsheet|getActiveSheet|getActiveRange|flush|newDataValidation)\b/,
    scope: 'spreadsheets.currentonly',
  },
  {
    what: 'menus, the sidebar and dialogs',
    pattern:
      /SpreadsheetApp\.getUi\b|HtmlService\.(createHtmlOutputFromFile|createTemplateFromFile|createHtmlOutput)\b/,
    scope: 'script.container.ui',
  },
  { what: 'UrlFetchApp', pattern: /UrlFetchApp\.(fetch|fetchAll)\b/, scope: 'script.external_request' },
  {
    what: 'installable triggers (live editing, continuations)',
    pattern: /ScriptApp\.(newTrigger|getUserTriggers|getProjectTriggers|deleteTrigger)\b/,
    scope: 'script.scriptapp',
  },
  { what: "the person's email", pattern: /Session\.(getEffectiveUser|getActiveUser)\b/, scope: 'userinfo.email' },
  { what: "the person's language (no scope)", pattern: /Session\.getActiveUserLocale\b/, scope: null },
  { what: 'the OAuth token (no scope of its own)', pattern: /ScriptApp\.getOAuthToken\b/, scope: null },
  {
    what: 'authorisation checks and Check setup (no scope of their own)',
    pattern: /ScriptApp\.(getAuthorizationInfo|AuthMode|AuthorizationStatus)\b/,
    scope: null,
  },
  {
    what: 'properties, cache, locks, utilities, logging (no scope)',
    pattern:
      /(PropertiesService\.get(Document|User|Script)Properties|CacheService\.get(User|Document|Script)Cache|LockService\.get(Document|User|Script)Lock|Utilities\.\w+|Logger\.log|console\.\w+)\b/,
    scope: null,
  },
];

/** Calls that would need a broader scope than `spreadsheets.currentonly` (or Drive): none may appear. */
const BROAD_CALLS =
  /SpreadsheetApp\.(openById|openByUrl|open|create)\b|DriveApp\.|DocumentApp\.|GmailApp\.|MailApp\.|CalendarApp\.|FormApp\.|ContactsApp\./;

/** Google API endpoints: every `https://…` URL the bundle fetches must start with one prefix; each call made there. */
interface Endpoint {
  prefix: string;
  calls: Need[];
}

const ENDPOINTS: Endpoint[] = [
  {
    prefix: 'https://chat.googleapis.com/v1/',
    calls: [
      {
        what: 'list your named spaces (GET /v1/spaces?filter=space_type = "SPACE")',
        pattern: /"spaces",\s*\{ filter: 'space_type = "SPACE"'/,
        scope: 'chat.spaces.readonly',
      },
      { what: 'read a space (GET /v1/spaces/{space})', pattern: /"read the space"/, scope: 'chat.spaces.readonly' },
      {
        what: 'list members (GET /v1/spaces/{space}/members)',
        pattern: /\/members`/,
        scope: 'chat.memberships.readonly',
      },
      {
        what: 'change a role (PATCH /v1/spaces/{space}/members/{member}?updateMask=role)',
        pattern: /updateMask: "role" \}, "patch"/,
        scope: 'chat.memberships',
      },
      {
        what: "admin access: search the organisation's spaces (GET /v1/spaces:search?useAdminAccess=true)",
        pattern: /"spaces:search"/,
        scope: 'chat.admin.spaces.readonly',
      },
      {
        what: 'admin access: list members and change roles (useAdminAccess=true)',
        pattern: /useAdminAccess: true/,
        scope: 'chat.admin.memberships',
      },
    ],
  },
  {
    prefix: 'https://people.googleapis.com/',
    calls: [
      {
        what: "People API: coworkers' domain profiles (people:batchGet)",
        pattern: /people\.googleapis\.com\/v1\/people/,
        scope: 'directory.readonly',
      },
    ],
  },
  {
    prefix: 'https://admin.googleapis.com/',
    calls: [
      {
        what: 'Admin SDK Directory: users.get',
        pattern: /admin\.googleapis\.com\/admin\/directory\/v1\/users\//,
        scope: 'admin.directory.user.readonly',
      },
    ],
  },
  {
    // The Chat app's JWT carries its own scope (chat.app.memberships): nothing for the manifest.
    prefix: 'https://oauth2.googleapis.com/token',
    calls: [{ what: "the Chat app's token exchange", pattern: /oauth2\.googleapis\.com\/token/, scope: null }],
  },
];

/** A scope that includes another: asking for both would be redundant. */
const INCLUDES: Record<string, string[]> = {
  'chat.memberships': ['chat.memberships.readonly'],
  'chat.admin.memberships': ['chat.admin.memberships.readonly'],
};

/** Scopes that grant more than this add-on does: never in the manifest. */
const TOO_BROAD = [
  'spreadsheets',
  'drive',
  'drive.file',
  'drive.readonly',
  'chat.spaces',
  'chat.spaces.create',
  'chat.delete',
  'chat.messages',
  'chat.memberships.app',
  'chat.app.memberships',
  'chat.import',
  'admin.directory.user',
  'contacts',
  'contacts.readonly',
  'directory',
  'userinfo.profile',
  'script.send_mail',
  'cloud-platform',
];

const bundle = readFileSync(join(DIST, 'Code.js'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')) as {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
};
const shortName = (scope: string) => (scope.startsWith(AUTH) ? scope.slice(AUTH.length) : scope);

/** Each scope the bundle needs, with what needs it; a scope included in another needed one is left out. */
function needed(): Map<string, string[]> {
  const scopes = new Map<string, string[]>();
  const calls = [
    ...SERVICES,
    ...ENDPOINTS.filter((e) => bundle.includes(e.prefix.replace(/\/$/, ''))).flatMap((e) => e.calls),
  ];
  for (const need of calls) {
    if (need.scope === null || !need.pattern.test(bundle)) continue;
    scopes.set(need.scope, [...(scopes.get(need.scope) ?? []), need.what]);
  }
  for (const [scope, included] of Object.entries(INCLUDES)) {
    if (scopes.has(scope)) for (const narrower of included) scopes.delete(narrower);
  }
  return scopes;
}

describe('OAuth scopes (appsscript.json) against what the bundle uses', () => {
  it('knows every Apps Script service call in the bundle', () => {
    const calls = new Set(
      bundle.match(
        /\b(SpreadsheetApp|HtmlService|UrlFetchApp|ScriptApp|Session|PropertiesService|CacheService|LockService|Utilities|Logger|DriveApp|DocumentApp|GmailApp|MailApp|CalendarApp|FormApp|ContactsApp|People|AdminDirectory|Chat)\.\w+/g,
      ) ?? [],
    );
    expect(calls.size).toBeGreaterThan(10);
    const unknown = [...calls].filter((call) => !SERVICES.some((s) => s.pattern.test(call)));
    expect(unknown).toEqual([]);
    expect(bundle.match(BROAD_CALLS)).toBeNull();
  });

  it('knows every Google endpoint the bundle fetches, and the fetch allowlist holds exactly those hosts', () => {
    const urls = [...new Set(bundle.match(/https:\/\/[a-z0-9.-]+\.googleapis\.com\/[^"'`\s]*/g) ?? [])].filter(
      (url) => !url.startsWith(AUTH),
    );
    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(urls.filter((url) => !ENDPOINTS.some((e) => url.startsWith(e.prefix)))).toEqual([]);
    // Every call the tables list for an endpoint the bundle uses is really made (no stale row hides a scope).
    const used = ENDPOINTS.filter((e) => urls.some((url) => url.startsWith(e.prefix)));
    expect(used.flatMap((e) => e.calls).filter((c) => !c.pattern.test(bundle))).toEqual([]);
    const allow = manifest.urlFetchWhitelist ?? [];
    expect(urls.filter((url) => !allow.some((prefix) => url.startsWith(prefix)))).toEqual([]);
    expect(allow.filter((prefix) => !urls.some((url) => url.startsWith(prefix)))).toEqual([]);
  });

  it('asks for every scope the bundle needs, and for nothing else', () => {
    const need = needed();
    const asked = (manifest.oauthScopes ?? []).map(shortName);
    expect(new Set(asked).size).toBe(asked.length);
    expect((manifest.oauthScopes ?? []).every((s) => s.startsWith(AUTH))).toBe(true);
    // Each needed scope with the reasons it is needed, against the manifest.
    expect([...need.keys()].filter((scope) => !asked.includes(scope))).toEqual([]);
    expect(asked.filter((scope) => !need.has(scope))).toEqual([]);
    expect(asked.filter((scope) => TOO_BROAD.includes(scope))).toEqual([]);
    // The user-facing core is always there (a guard against a detector that silently matches nothing).
    for (const scope of ['spreadsheets.currentonly', 'script.container.ui', 'script.external_request'])
      expect(need.has(scope)).toBe(true);
  });

  it('ships the manifest it was checked against', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'))).toEqual(manifest);
  });
});
