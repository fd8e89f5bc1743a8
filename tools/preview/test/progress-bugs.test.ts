/**
 * Progress bugs of issue 13 (5, and what was left of 6), each reproduced in Chromium at 1440×900, in English and in
 * Traditional Chinese (?locale=zh_TW): the words are the catalogue's, so both runs check the same behaviour.
 */

import type { Locator } from 'playwright-core';
import { CATALOGUES } from '../../../src/domain/messages';
import { until } from './browser';
import { useJourney } from './journey';

jest.setTimeout(120_000);

const journey = useJourney({ width: 1440, height: 900 });

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each([
  ['en', 'en'],
  ['zh_TW', 'zh-TW'],
] as const)('with the Google locale %s', (locale, language) => {
  const w = CATALOGUES[language];
  const s = w.sidebar;
  const manager = w.roles.ROLE_ASSISTANT_MANAGER;

  /** Opens the preview in this language (the journey opened it in English). */
  async function open(): Promise<void> {
    if (locale !== 'en') await journey.page.goto(`${journey.preview.url}?locale=${locale}`);
    await journey.sidebar().getByRole('button', { name: s.loadMembers }).waitFor();
    await journey
      .sidebar()
      .getByRole('button', { name: /^Launch team · / })
      .waitFor();
  }

  async function loadAllHands(): Promise<void> {
    const frame = journey.sidebar();
    await frame.getByRole('button', { name: /^All hands · / }).click();
    await frame.getByRole('button', { name: s.loadMembers }).click();
    await journey.page.getByRole('tab', { name: 'All hands', selected: true }).waitFor();
    await journey.page.getByRole('table', { name: 'Sheet All hands' }).waitFor();
  }

  /**
   * Sixteen employees of All hands made Managers: one write a second in one space, so the run takes about 17 s,
   * past the first 10 s round of Status cells, and the worker sleeps between waves (the page sees the sheet then).
   */
  const people = Array.from({ length: 16 }, (_, i) => new RegExp(`Employee ${String(i + 1).padStart(4, '0')}`));
  async function chooseMany(): Promise<void> {
    for (const who of people) await journey.chooseRole(who, manager);
  }

  /** The add-on menu's Apply, from the page (not the sidebar), confirmed. */
  async function applyFromMenu(): Promise<void> {
    await journey.page
      .getByRole('toolbar', { name: 'Chat space roles menu' })
      .getByRole('button', { name: w.menu.apply })
      .click();
    await journey.answerDialog(new RegExp(`^${literal(w.dialog.applyTitle(people.length))}`), 'Yes');
  }

  /** How the run ended, as the sidebar says it: the whole run's totals and when (any time). */
  const endLine = (applied: number, failed = 0) =>
    new RegExp(`^${literal(s.runEnded(false, '\u0000', applied, failed)).replace('\u0000', '.+')}$`);

  /** The progress line of any point of the run, or the line that says how it ended. */
  const progressOrEndOfSixteen = () => new RegExp(`${progressLine().source}|${endLine(people.length).source}`);

  /** Waits for the sidebar's progress line to say how the run of sixteen ended; a failure quotes what it says. */
  async function untilItSaysTheEnd(line: Locator, what: string, ms: number): Promise<void> {
    await until(what, async () => endLine(people.length).test((await line.textContent()) ?? ''), ms).catch(
      async (e: Error) => {
        throw new Error(`${e.message}; the sidebar says: ${await line.textContent()}`);
      },
    );
  }

  /** All hands loaded, sixteen Managers chosen, and Apply pending role changes pressed in the menu and confirmed. */
  async function menuRunOfSixteen(): Promise<void> {
    await open();
    await loadAllHands();
    await chooseMany();
    await applyFromMenu();
  }

  const statusOf = async (who: RegExp) => (await journey.row(who).getByRole('cell').nth(5).textContent())?.trim() ?? '';

  /** The sidebar's progress line for these figures (any, where not given), whatever the time left. */
  const progressLine = (done?: number, failed = 0, remaining?: number) =>
    new RegExp(
      literal(s.progress(false, done ?? 1111, failed, remaining ?? 2222, '\u0000'))
        .replace('1111', '\\d+')
        .replace('2222', '\\d+')
        .replace('\u0000', '.+'),
    );

  it('shows rows already applied while the run goes on, not ⏳ Pending until its end (bug 5)', async () => {
    await menuRunOfSixteen();
    const seen: string[][] = [];
    const final = new RegExp(`^${literal(w.status.applied(manager, '\u0000')).split('\u0000')[0]}`);
    await until(
      'every row shows its outcome',
      async () => {
        const statuses = await Promise.all(people.map(statusOf));
        seen.push(statuses);
        return final.test(statuses[0] ?? '') && statuses.every((t) => t.startsWith('✓') && t !== w.status.appliedSoFar);
      },
      60_000,
    );
    // While the run went on, rows already applied said so, in the person's language, while the others still waited.
    const midRun = seen.filter(
      (row) => row.some((t) => t === w.status.appliedSoFar) && row.some((t) => t.startsWith('⏳')),
    );
    const states = [...new Set(seen.map((row) => row.map((t) => t.slice(0, 12)).join(' | ')))];
    expect({ midRun: midRun.length > 0, states }).toEqual({ midRun: true, states });
  });

  it('keeps the sidebar’s progress with the page during a run started from the menu, and shows its end (bug 6)', async () => {
    const { page } = journey;
    await menuRunOfSixteen();
    // The page's own line shows the first answer; the person then looks back at the sidebar.
    const onPage = page.getByRole('status', { name: 'Run progress' });
    await onPage.filter({ hasText: /: [1-9]\d* done/ }).waitFor({ timeout: 30_000 });
    const pageDone = Number(/: (\d+) done/.exec((await onPage.textContent()) ?? '')?.[1]);
    await page.getByTitle('Add-on sidebar').hover();
    const inSidebar = journey.sidebar().getByRole('status', { name: s.progressLabel });
    // Within one of its readings (3 s), the sidebar shows at least what the page shows.
    await until(
      'the sidebar shows what the page showed',
      async () => {
        const text = (await inSidebar.textContent()) ?? '';
        const done = people.findIndex((_, d) => progressLine(d + 1, 0, people.length - d - 1).test(text)) + 1;
        return done >= pageDone;
      },
      4000,
    );
    // The run ends (the page's line empties): the sidebar says so within one of its readings, with the whole run's
    // totals, never still counting what remains, nor "0 applied" (what the step that found the run already finished
    // did itself).
    await until('the page shows the run finished', async () => ((await onPage.textContent()) ?? '') === '', 60_000);
    await untilItSaysTheEnd(inSidebar, 'the sidebar says the run finished', 5000);
  });

  it('keeps the space count with the list: a filter updates it, and a run’s progress shows no old line under it (bug 6)', async () => {
    const { page } = journey;
    await open();
    const frame = journey.sidebar();
    const spaces = frame.getByRole('list', { name: s.spacesLabel }).getByRole('button');
    const total = await spaces.count();
    await frame.getByText(s.spaceCount(total), { exact: true }).waitFor();
    await frame.getByRole('searchbox', { name: s.filterLabel }).fill('Launch');
    expect(await spaces.count()).toBe(1);
    // The count follows the list: it no longer says all of them are shown.
    await frame.getByText(s.spaceCountFiltered(1, total), { exact: true }).waitFor();
    expect(await frame.getByText(s.spaceCount(total), { exact: true }).count()).toBe(0);

    await frame.getByRole('searchbox', { name: s.filterLabel }).fill('');
    await loadAllHands();
    await chooseMany();
    // A fresh sidebar (as the menu's Apply opens one), then a run started from the menu.
    await page.reload();
    await open();
    await applyFromMenu();
    await page.getByTitle('Add-on sidebar').hover();
    const progress = frame.getByRole('status', { name: s.progressLabel });
    // The progress, or its end when the sidebar's first reading waited for the menu's execution (the preview runs one
    // execution at a time, so on a slow machine the run may be over by then): either way, no old line under it.
    const progressOrEnd = progressOrEndOfSixteen();
    await progress.filter({ hasText: progressOrEnd }).waitFor({ timeout: 20_000 });
    // Under the run's progress, no line from before it (the space count, a load's result).
    expect((await frame.locator('#status').textContent())?.trim()).toBe('');
  });

  it('follows a run started from the menu on its own, without being touched, and says how it ended', async () => {
    const { page } = journey;
    await menuRunOfSixteen();
    // Nobody goes back to the sidebar: the pointer stays on the sheet, the focus in the page.
    await page.mouse.move(10, 10);
    const progress = journey.sidebar().getByRole('status', { name: s.progressLabel });
    // Its own readings (every 10 s while shown) find the run, or its end when the run was over first.
    const progressOrEnd = progressOrEndOfSixteen();
    await progress.filter({ hasText: progressOrEnd }).waitFor({ timeout: 25_000 });
    // And it says how the run ended, with the whole run's totals, still untouched.
    await untilItSaysTheEnd(progress, 'the untouched sidebar says the run finished', 60_000);
  });
});
