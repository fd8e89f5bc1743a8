/**
 * Bugs of issue 13 reproduced in Chromium at 1440×900 in both languages: each journey runs once with every preview
 * person's Google locale English and once Traditional Chinese (?locale=zh_TW), and reads the words it expects from the
 * add-on's own catalogue for that language, so a text missing from zh-TW (or left in English) fails it. The preview's
 * own controls (acting user, emulator settings, the dialog's Yes / No, standing in for Sheets' own) stay in English.
 */

import { existsSync, statSync } from 'node:fs';
import { docsScreenshot } from './browser';
import { LANGUAGES, useJourney } from './journey';

jest.setTimeout(60_000);

describe.each(LANGUAGES)('in %s', (language) => {
  const journey = useJourney({ width: 1440, height: 900 }, language);

  /** Switches the acting person, and waits until the sidebar has reloaded as them. */
  async function actAs(name: 'Alice' | 'Bob', email: string): Promise<void> {
    await journey.page.getByRole('radio', { name }).check();
    await journey.sidebar().getByText(journey.words.sidebar.signedInAs(email)).waitFor();
  }

  it('names the same author for a waiting edit in its Status and in the Apply confirmation (bug 9)', async () => {
    const { page, words: w, row, loadSpace, chooseRole } = journey;
    const [member, manager] = [w.roles.ROLE_MEMBER, w.roles.ROLE_ASSISTANT_MANAGER];
    await loadSpace('Launch team');
    // Nobody's live editing is on: the simple edit trigger marks the row, but records no author (Google does not
    // promise it the editor's email), so the Status names nobody, as the confirmation will.
    await chooseRole(/Carol Diaz/, manager);
    await row(/Carol Diaz/)
      .filter({ hasText: w.status.pendingOtherEditor('') })
      .waitFor();

    // Bob turns live editing on: his trigger sees Alice's next edit and records her as its author.
    await actAs('Bob', 'bob@example.com');
    await journey.sidebar().getByRole('checkbox', { name: w.sidebar.liveEditing }).check();
    await page.getByText('Live editing on for: Bob.').waitFor();
    await actAs('Alice', 'alice@example.com');
    await chooseRole(/Dan Wu/, manager);
    await row(/Dan Wu/)
      .filter({ hasText: w.status.pendingOtherEditor('Alice Ng') })
      .waitFor();

    // Bob presses Apply: each line names whom the row's Status names.
    await actAs('Bob', 'bob@example.com');
    await page
      .getByRole('toolbar', { name: 'Chat space roles menu' })
      .getByRole('button', { name: w.menu.apply })
      .click();
    const dialog = page.getByRole('dialog', { name: w.dialog.applyTitle(2) });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(w.dialog.line('Launch team', 'Carol Diaz', member, manager, w.dialog.unknown));
    expect(text).toContain(w.dialog.line('Launch team', 'Dan Wu', member, manager, 'Alice Ng'));
    await dialog.getByRole('button', { name: 'No', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await journey.serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
  });

  it('shows a loaded space with an applied and a waiting change, and saves the screenshot the docs show', async () => {
    const { page, words: w, row, loadSpace, chooseRole } = journey;
    const manager = w.roles.ROLE_ASSISTANT_MANAGER;
    await loadSpace('Launch team');
    // A change typed with live editing off waits for Apply; one typed with it on is applied at once.
    await chooseRole(/Carol Diaz/, manager);
    await row(/Carol Diaz/)
      .filter({ hasText: w.status.pendingOtherEditor('') })
      .waitFor();
    await journey.turnOnLiveEditing();
    await chooseRole(/Dan Wu/, manager);
    // The time is on the spreadsheet's clock (the preview's is in Asia/Taipei), with its offset.
    await row(/Dan Wu/)
      .filter({ hasText: / GMT\+8/ })
      .waitFor();
    expect(await row(/Dan Wu/).textContent()).toContain(w.status.applied(manager, '').replace(/ · $/, ''));
    expect(await journey.serverRole('spaces/AAAALaunch', 'users/1004')).toBe('ROLE_ASSISTANT_MANAGER');
    // The toasts have gone, as they do in Sheets, before the picture is taken.
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 15_000 });
    // As people see a member sheet: the key columns hidden, names first.
    await page.getByRole('checkbox', { name: 'Show hidden columns (dimmed)' }).uncheck();
    await page.getByRole('columnheader', { name: 'G (hidden)' }).waitFor({ state: 'hidden' });
    const path = await docsScreenshot(page, language === 'en' ? 'preview' : `preview-${language}`);
    expect(statSync(path).size).toBeGreaterThan(20_000);
    expect(existsSync(path)).toBe(true);
  });
});
