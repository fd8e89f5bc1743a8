/**
 * Shared set-up of the browser journeys: one preview server and one Chromium per test file, a reset demo and a fresh
 * watched tab per test (any console error, uncaught error or JavaScript dialog fails it), and the steps a person
 * takes, found by role and accessible name.
 */

import type { FrameLocator, Locator, Page } from 'playwright-core';
import { CATALOGUES, type Language, type Messages } from '../../../src/domain/messages';
import { emulatorControl, type LoggedRequest } from '../../emulator/control-client';
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
