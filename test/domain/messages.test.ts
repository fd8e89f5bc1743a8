/**
 * The message catalogues: every string people see lives in src/domain/messages. The scan below fails on an English
 * phrase written as a literal anywhere else in src/ (the sidebar's HTML included), so a new string cannot skip the
 * zh-TW catalogue.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUES, languageOf, messagesFor } from '../../src/domain/messages';
import { en } from '../../src/domain/messages/en';
import { zhTW } from '../../src/domain/messages/zh-TW';
import { parseRole } from '../../src/domain/roles';

const SRC = join(__dirname, '../../src');

/**
 * Literals that look like words but are never shown: API queries and fields, internal markers, and guards against
 * programming errors (plain Error, never an AddonError). Each entry: file, text it contains.
 */
const NOT_SHOWN: readonly [string, string][] = [
  ['adapters/app-auth.ts', 'grant_type='],
  ['adapters/chat-api.ts', 'customers/my_customer'],
  ['adapters/chat-api.ts', 'spaces:search'],
  ['adapters/chat-api.ts', 'joined_direct_human_user_count'],
  ['adapters/chat-api.ts', 'is not a Chat space name'],
  ['adapters/chat-api.ts', 'is not a membership name'],
  ['adapters/setup-probe.ts', 'customers/my_customer'],
  ['adapters/setup-probe.ts', 'spaces:search'],
  // Member kinds as kept in a row's sealed snapshot; the Type cells show the catalogue's words (member-row.ts).
  ['domain/changes.ts', 'Google Group'],
  ['domain/changes.ts', 'Chat app'],
  ['domain/member-row.ts', 'Google Group'],
  ['domain/member-row.ts', 'Chat app'],
  ['domain/name-resolution.ts', 'people:batchGet'],
  ['domain/name-resolution.ts', 'personFields='],
  ['domain/name-resolution.ts', 'not a Chat user id'],
  ['domain/name-resolution.ts', 'id,primaryEmail'],
  // Markers saved with a run; bulk-run's reasonText shows the catalogue's words instead.
  ['domain/run-engine.ts', 'Google Chat did not confirm'],
  ['domain/run-engine.ts', 'the Role cell was edited again'],
  ['domain/run-engine.ts', 'gave up after several attempts'],
  ['domain/service-account.ts', 'not an object'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Two words of letters in one literal: prose, as opposed to keys, paths and enum names. */
const PROSE = /[A-Za-z]{2,}[ ,:]+[A-Za-z]{2,}/;
const LITERAL = /'([^'\\]*)'|"([^"\\]*)"|`([^`]*)`/g;

const scanned = () => files(SRC).filter((p) => p.endsWith('.ts') && !p.includes('/messages/'));

function proseLiterals(): string[] {
  const found: string[] = [];
  for (const path of scanned()) {
    const file = relative(SRC, path);
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        for (const m of line.matchAll(LITERAL)) {
          const text = m[1] ?? m[2] ?? m[3] ?? '';
          if (!PROSE.test(text)) continue;
          if (NOT_SHOWN.some(([f, part]) => f === file && text.includes(part))) continue;
          found.push(`${file}:${i + 1}: ${text}`);
        }
      });
  }
  return found;
}

describe('message catalogues', () => {
  it('has no English phrase outside the catalogue in src/', () => {
    expect(proseLiterals()).toEqual([]);
  });

  it('really scans the code that shows words (issues 10-12 included), and would catch a phrase there', () => {
    const paths = scanned().map((p) => relative(SRC, p));
    expect(paths).toEqual(
      expect.arrayContaining([
        'main.ts',
        'adapters/continuation.ts',
        'adapters/authorization.ts',
        'app/bulk-apply.ts',
        'domain/setup-checklist.ts',
        'domain/setup-errors.ts',
        'domain/confirmation.ts',
        'sidebar/run-driver.ts',
        'sidebar/setup-check.ts',
      ]),
    );
    expect([...`x('Check the setup')`.matchAll(LITERAL)].map((m) => m[1]).filter((t) => t && PROSE.test(t))).toEqual([
      'Check the setup',
    ]);
  });

  it("has no text in the sidebar's HTML: every element is filled from the catalogue", () => {
    const html = readFileSync(join(SRC, 'sidebar/Sidebar.html'), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, ' ');
    expect(html.trim().split(/\s+/).filter(Boolean)).toEqual([]);
  });

  it("names only catalogue texts in the sidebar's data-msg attributes (an unknown key would show nothing)", () => {
    const html = readFileSync(join(SRC, 'sidebar/Sidebar.html'), 'utf8');
    const keys = [...html.matchAll(/data-msg(?:-placeholder|-label)?="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => typeof (en.sidebar as Record<string, unknown>)[k] !== 'string')).toEqual([]);
  });

  it('gives zh-TW every key of English, of the same kind', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : typeof value;
    expect(shape(zhTW)).toEqual(shape(en));
  });

  it('leaves no English word in the zh-TW texts, besides product and protocol names', () => {
    const allowed =
      /^(Google|Chat|Workspace|Cloud|Meet|API|Apps|Script|Owner|Manager|JSON|HTTP|ID|PEM|BEGIN|PRIVATE|KEY|type|service_account|client_email|private_key|token_uri|iam|gserviceaccount|com|app|memberships|chat|spaces|min)$/;
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'function') texts.push(String(value(7, 3, 2, 1, 'X')));
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    collect(zhTW);
    const english = texts.flatMap((t) => t.match(/[A-Za-z_]{2,}/g) ?? []).filter((w) => !allowed.test(w));
    expect(english).toEqual([]);
  });

  it('chooses Traditional Chinese for zh_TW and zh-Hant locales, English otherwise', () => {
    expect(languageOf('zh_TW')).toBe('zh-TW');
    expect(languageOf('zh-TW')).toBe('zh-TW');
    expect(languageOf('zh-Hant')).toBe('zh-TW');
    expect(languageOf('zh_HK')).toBe('zh-TW');
    expect(messagesFor('en_GB')).toBe(CATALOGUES.en);
    expect(messagesFor('fr')).toBe(CATALOGUES.en);
    expect(messagesFor('')).toBe(CATALOGUES.en);
  });
});

describe('role names in both languages', () => {
  it("reads Google Chat's zh-TW names and the English ones", () => {
    expect(parseRole('成員')).toEqual({ ok: true, role: 'ROLE_MEMBER' });
    expect(parseRole('管理員')).toEqual({ ok: true, role: 'ROLE_ASSISTANT_MANAGER' });
    expect(parseRole(' 擁有者 ')).toEqual({ ok: true, role: 'ROLE_MANAGER' });
    expect(parseRole('Owner')).toEqual({ ok: true, role: 'ROLE_MANAGER' });
  });

  it('refuses the old term 聊天室管理員 with a sentence naming both choices, never mapping it', () => {
    const parsed = parseRole('聊天室管理員');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(/Owner/);
      expect(parsed.reason).toMatch(/Manager/);
    }
  });
});
