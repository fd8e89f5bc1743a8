/**
 * Shared set-up of the browser journeys: one preview server and one Chromium per test file, a reset demo and a fresh
 * watched tab per test (any console error, uncaught error or JavaScript dialog fails it), and the steps a person
 * takes, found by role and accessible name.
 */

import type { FrameLocator, Locator, Page } from 'playwright-core';
import { CATALOGUES, type Language, type Messages } from '../../../src/domain/messages';
import { emulatorControl, type LoggedRequest } from '../../emulator/control-client';
import { demoSeed } from '../../emulator/demo-seed';
import { type Preview, startPreview } from '../server';
import { type Browser, launchBrowser, watchedPage } from './browser';

export interface Journey {
  readonly page: Page;
  readonly preview: Preview;
  /** The language every preview person's Google account speaks in this journey. */
  readonly language: Language;
  /** The add-on's words in that language (the catalogue: what the person reads). */
  readonly words: Messages;
  sidebar(): FrameLocator;
  grid(): Locator;
  row(who: RegExp): Locator;
  requestLog(): Locator;
  /** The emulator's request log, through the one control client. */
  requests(): Promise<LoggedRequest[]>;
  serverRole(space: string, user: string): Promise<string | undefined>;
  loadSpace(title: string): Promise<void>;
  openTab(name: string): Promise<void>;
  chooseRole(who: RegExp, role: string): Promise<void>;
  turnOnLiveEditing(): Promise<void>;
  answerDialog(title: RegExp, button: 'Yes' | 'No'): Promise<Locator>;
  /**
   * English words in what the add-on shows on screen (menu, sheet tabs, the sheet's header row and its Type, State,
   * Role and Status cells, the sidebar's own texts), names of people, spaces and products aside: a zh-TW run of a
   * journey expects none.
   */
  englishLeft(typed?: readonly string[]): Promise<string[]>;
}

/** Product and protocol names kept as they are in zh-TW (the scope chat.app.memberships is named as it is). */
const NAMES = /^(Google|Chat|Workspace|JSON|GMT|API|ID|HTTP|chat|memberships|app)$/;

/**
 * Columns whose cells are not the add-on's words: the names of people and spaces, and what tools read (resource
 * names, the hidden keys, run ids, Chat's own error text in the Audit sheet).
 */
const UNREAD_COLUMNS = (w: Messages) =>
  new Set([
    ...w.headers.member.filter((_, i) => i < 2 || i > 5),
    ...w.headers.preview.slice(0, 3),
    ...w.headers.audit.filter((_, i) => [1, 2, 3, 4, 9, 10].includes(i)),
  ]);

/** The demo's people and spaces (in sheet tabs, the sidebar's list and its messages), longest first. */
const DEMO_NAMES = (() => {
  const seed = demoSeed();
  const names = [
    ...seed.users.map((u) => u.displayName ?? ''),
    ...seed.spaces.map((sp) => sp.displayName ?? ''),
    'groups/eng',
    'Sheet1',
  ];
  return names.filter(Boolean).sort((a, b) => b.length - a.length);
})();

/** A text without the demo's names, emails, resource names, and what the test itself typed. */
function withoutNames(text: string, typed: readonly string[]): string {
  let rest = text.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\b(spaces|users|groups)\/\S*/g, ' ');
  for (const name of [...typed, ...DEMO_NAMES]) rest = rest.split(name).join(' ');
  return rest;
}

/** The languages every journey that reproduces a bug of issue 13 runs in. */
export const LANGUAGES: readonly Language[] = ['en', 'zh-TW'];

/** Registers the jest hooks; the returned journey is usable inside tests. `language` opens the preview in it. */
export function useJourney(viewport?: { width: number; height: number }, language: Language = 'en'): Journey {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ port: 0 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });
  beforeEach(async () => {
    const reset = await fetch(`${preview.url}preview/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reset.status).toBe(200);
    problems = [];
    page = await watchedPage(browser.context, problems);
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(language === 'zh-TW' ? `${preview.url}?locale=zh_TW` : preview.url);
    await page
      .getByTitle('Add-on sidebar')
      .contentFrame()
      .getByRole('button', { name: /^Launch team/ })
      .waitFor();
  });
  afterEach(async () => {
    await page.close();
    expect(problems).toEqual([]);
  });

  return journeySteps(
    () => page,
    () => preview,
    language,
  );
}

/** The steps, on the tab and server of the running test. */
function journeySteps(currentPage: () => Page, currentPreview: () => Preview, language: Language): Journey {
  const words = CATALOGUES[language];
  const journey: Journey = {
    language,
    words,
    get page() {
      return currentPage();
    },
    get preview() {
      return currentPreview();
    },
    sidebar: () => journey.page.getByTitle('Add-on sidebar').contentFrame(),
    grid: () => journey.page.getByRole('table', { name: /^Sheet / }),
    row: (who) => journey.grid().getByRole('row', { name: who }),
    requestLog: () => journey.page.getByRole('table', { name: 'Chat API requests' }),
    requests: () => emulatorControl(journey.preview.emulatorUrl).requests(),
    serverRole: async (space, user) => {
      const state = await emulatorControl(journey.preview.emulatorUrl).state();
      return state.spaces.find((s) => s.name === space)?.memberships.find((m) => m.member === user)?.role;
    },
    loadSpace: async (title) => {
      const frame = journey.sidebar();
      await frame.getByRole('button', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')} · `) }).click();
      await frame.getByRole('button', { name: words.sidebar.loadMembers }).click();
      // The end of words.sidebar.loaded(…): the sheet named, never the "Loading …" line before it.
      await frame.getByText(language === 'zh-TW' ? `載入工作表「${title}」。` : `into the sheet “${title}”.`).waitFor();
      await journey.page.getByRole('tab', { name: title, selected: true }).waitFor();
      await journey.page.getByRole('table', { name: `Sheet ${title}` }).waitFor();
    },
    openTab: async (name) => {
      await journey.page.getByRole('tab', { name }).click();
      await journey.page.getByRole('tab', { name, selected: true }).waitFor();
      await journey.page.getByRole('table', { name: `Sheet ${name}` }).waitFor();
    },
    /** Chooses a role in a member's Role dropdown and waits until the preview has passed the edit on. */
    chooseRole: async (who, role) => {
      await journey.row(who).getByRole('combobox').selectOption(role);
      await journey.page
        .getByRole('status', { name: 'Last edit' })
        .filter({ hasText: new RegExp(`typed “${role}” in E\\d+\\.$`) })
        .waitFor();
    },
    turnOnLiveEditing: async () => {
      await journey.sidebar().getByRole('checkbox', { name: words.sidebar.liveEditing }).check();
      await journey.sidebar().getByText(words.sidebar.liveOn).waitFor();
      await journey.page.getByText('Live editing on for: Alice.').waitFor();
    },
    englishLeft: async (typed = []) => {
      const { page } = journey;
      const rows = (await journey.grid().getByRole('row').all()).slice(1);
      const header = rows[0] ? await rows[0].getByRole('cell').allTextContents() : [];
      const cells: string[] = [];
      for (const r of rows) {
        for (const [i, cell] of (await r.getByRole('cell').all()).entries()) {
          if (UNREAD_COLUMNS(words).has(header[i] ?? '')) continue;
          // A dropdown's text lists every option (the page's own "Type another value…" too): the chosen one counts.
          const role = cell.getByRole('combobox');
          cells.push((await role.count()) > 0 ? await role.inputValue() : ((await cell.textContent()) ?? ''));
        }
      }
      const texts = [
        ...(await page.getByRole('toolbar', { name: 'Chat space roles menu' }).getByRole('button').allTextContents()),
        ...(await page.getByRole('tab').allTextContents()),
        ...cells,
        ...(await journey.sidebar().locator('[data-msg], #status, #progress').allTextContents()),
      ];
      return texts
        .map((t) => withoutNames(t, typed))
        .flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? [])
        .filter((word) => !NAMES.test(word));
    },
    /** Answers the add-on's confirmation dialog shown in the page. */
    answerDialog: async (title, button) => {
      const dialog = journey.page.getByRole('dialog', { name: title });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: button, exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      return dialog;
    },
  };
  return journey;
}
