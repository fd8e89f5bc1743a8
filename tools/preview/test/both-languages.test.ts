/**
 * Bugs of issue 13 reproduced in Chromium at 1440×900 in both languages: each journey runs once with every preview
 * person's Google locale English and once Traditional Chinese (?locale=zh_TW), and reads the words it expects from the
 * add-on's own catalogue for that language, so a text missing from zh-TW (or left in English) fails it. The preview's
 * own controls (acting user, emulator settings, the dialog's Yes / No, standing in for Sheets' own) stay in English.
 */

import { existsSync, statSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { docsScreenshot } from './browser';
import { LANGUAGES, useJourney } from './journey';

jest.setTimeout(60_000);

/** Whether an element of the sidebar is inside the sidebar's own viewport (not below its fold). */
const inSidebarView = (locator: Locator) =>
  locator.evaluate((el) => {
    const rect = (
      el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
    ).getBoundingClientRect();
    const win = globalThis as unknown as { innerHeight: number };
    return rect.top >= 0 && rect.bottom <= win.innerHeight;
  });

describe.each(LANGUAGES)('in %s', (language) => {
  const journey = useJourney({ width: 1440, height: 900 }, language);

  /** Switches the acting person, and waits until the sidebar has reloaded as them. */
  async function actAs(name: 'Alice' | 'Bob' | 'admin', email: string): Promise<void> {
    await journey.page.getByRole('radio', { name }).check();
    await journey.sidebar().getByText(journey.words.sidebar.signedInAs(email)).waitFor();
  }

  it('shows the admin and app options only once they apply (bug 3: label { display: block } beat `hidden`)', async () => {
    const frame = journey.sidebar();
    const w = journey.words.sidebar;
    await frame.getByText(w.adminSummary, { exact: true }).click();
    await frame.getByText(w.appSummary, { exact: true }).click();
    await frame.getByRole('checkbox', { name: w.iamAdmin }).waitFor();
    const actAsAdmin = frame.getByRole('checkbox', { name: w.actAsAdmin });
    const loadAsApp = frame.getByRole('checkbox', { name: w.loadAsApp });
    expect(await actAsAdmin.isVisible()).toBe(false);
    expect(await loadAsApp.isVisible()).toBe(false);

    await frame.getByRole('checkbox', { name: w.iamAdmin }).check();
    await actAsAdmin.waitFor({ state: 'visible' });
    // Still no key stored: the app option stays out of sight.
    expect(await loadAsApp.isVisible()).toBe(false);
  });

  it('keeps the live-editing checkbox and the menu in step, whichever one switched it (bug 7: the checkbox went stale)', async () => {
    const { page, words: w } = journey;
    const frame = journey.sidebar();
    const menu = page.getByRole('toolbar', { name: 'Chat space roles menu' });
    const checkbox = frame.getByRole('checkbox', { name: w.sidebar.liveEditing });
    await checkbox.and(frame.locator(':enabled')).waitFor();
    expect(await checkbox.isChecked()).toBe(false);

    // Built by onOpen before the add-on may read triggers, the item names both ways; once known, the way it goes.
    const either = [w.menu.liveOn, w.menu.liveToggle].map((t) => t.replace(/[()/]/g, '\\$&')).join('|');
    await menu.getByRole('button', { name: new RegExp(`^(${either})$`) }).click();
    await page.getByText('Live editing on for: Alice.').waitFor();
    // Back in the sidebar, as a person is after using the menu: it shows what the menu did.
    await page.getByTitle('Add-on sidebar').hover();
    await frame.getByRole('checkbox', { name: w.sidebar.liveEditing, checked: true }).waitFor();
    await menu.getByRole('button', { name: w.menu.liveOff, exact: true }).waitFor();

    // And the other way: switched off in the sidebar, the menu offers to turn it on again.
    await checkbox.uncheck();
    await frame.getByText(w.sidebar.liveOff).waitFor();
    await menu.getByRole('button', { name: w.menu.liveOn, exact: true }).waitFor();
  });

  it('counts members the same way in the space list and after a load, and says what else was loaded (bug 7: “5 members”, then 7)', async () => {
    const frame = journey.sidebar();
    const w = journey.words.sidebar;
    const listed = frame.getByRole('button', { name: /^Launch team · / });
    expect(await listed.textContent()).toBe(`Launch team${w.memberCount(5)}`);
    await journey.loadSpace('Launch team');
    // 7 rows: the 5 members Chat counts (people and groups who joined), plus an invited person and an app.
    await frame.getByText(w.loaded(5, 1, 1, 'Launch team')).waitFor();
    // The grid's rows: the column letters, the header row, and the 7 loaded.
    expect(await journey.grid().getByRole('row').count()).toBe(1 + 1 + 7);
  });

  it('keeps focus on a space chosen with Enter (bug 10: focus fell to the page body)', async () => {
    const frame = journey.sidebar();
    const launch = frame.getByRole('button', { name: /^Launch team · / });
    await launch.focus();
    await launch.press('Enter');
    await frame.getByRole('button', { name: /^Launch team · /, pressed: true }).waitFor();
    const focused = (el: unknown) =>
      (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el;
    expect(await launch.evaluate(focused)).toBe(true);
    // And on with the keyboard: Enter again keeps it chosen, and focus stays on it.
    await launch.press('Enter');
    expect(await frame.getByRole('button', { pressed: true }).count()).toBe(1);
    expect(await launch.evaluate(focused)).toBe(true);
  });

  it('shows a failed admin search in view, and no longer lists the old spaces under the admin heading (bug 10)', async () => {
    const frame = journey.sidebar();
    const w = journey.words.sidebar;
    await frame.getByRole('button', { name: /^Launch team · / }).waitFor();
    // Alice is no Workspace admin: searching the organisation's spaces fails.
    await frame.getByText(w.adminSummary, { exact: true }).click();
    await frame.getByRole('checkbox', { name: w.iamAdmin }).check();
    await frame.getByRole('checkbox', { name: w.actAsAdmin }).check();
    const error = frame.locator('#status.error');
    await error.waitFor();
    expect(await inSidebarView(error)).toBe(true);
    expect(await frame.getByRole('list', { name: w.spacesLabel }).getByRole('button').count()).toBe(0);
    expect(await frame.getByRole('button', { name: w.loadMembers }).isDisabled()).toBe(true);
  });

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

  it('does not offer to undo live edits: there was no bulk apply (bug 8)', async () => {
    const { page, words: w, row, loadSpace, chooseRole } = journey;
    const manager = w.roles.ROLE_ASSISTANT_MANAGER;
    await loadSpace('Launch team');
    await journey.turnOnLiveEditing();
    await chooseRole(/Carol Diaz/, manager);
    await row(/Carol Diaz/)
      .filter({ hasText: w.status.applied(manager, '').replace(/ · $/, '') })
      .waitFor();
    await page
      .getByRole('toolbar', { name: 'Chat space roles menu' })
      .getByRole('button', { name: w.menu.undo })
      .click();
    // An OK message saying there is nothing to undo, never "Undo 1 change from your last bulk apply?".
    const dialog = page.getByRole('dialog', { name: w.appTitle });
    await dialog.getByText(w.dialog.noUndo).waitFor();
    expect(await dialog.textContent()).not.toContain(w.dialog.undoTitle(1));
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await journey.serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  it('gives an admin load of a space someone loaded a sheet of its own, leaving theirs as it was (bug 1)', async () => {
    const { page, words: w, row, loadSpace, chooseRole } = journey;
    const manager = w.roles.ROLE_ASSISTANT_MANAGER;
    await loadSpace('Launch team');
    const before = await journey.grid().getByRole('row').allTextContents();

    // The admin loads the same space in admin mode.
    await actAs('admin', 'ada.admin@example.com');
    const frame = journey.sidebar();
    await frame.getByText(w.sidebar.adminSummary, { exact: true }).click();
    await frame.getByRole('checkbox', { name: w.sidebar.iamAdmin }).check();
    await frame.getByRole('checkbox', { name: w.sidebar.actAsAdmin }).check();
    await frame.getByRole('button', { name: /^Launch team/ }).click();
    await frame.getByRole('button', { name: w.sidebar.loadMembers }).click();
    const adminTitle = w.sheetTitles.accessSuffix('Launch team', 'admin');
    await page.getByRole('tab', { name: adminTitle, selected: true }).waitFor();

    // Alice's sheet is still hers: the same rows, nobody turned into "Left" or "No longer in this space".
    await actAs('Alice', 'alice@example.com');
    await page.getByRole('tab', { name: 'Launch team', exact: true }).click();
    await page.getByRole('table', { name: 'Sheet Launch team', exact: true }).waitFor();
    expect(await journey.grid().getByRole('row').allTextContents()).toEqual(before);
    expect(await journey.grid().textContent()).not.toContain(w.status.gone);
    // And her live edit goes out with her own access, not the admin's.
    await journey.turnOnLiveEditing();
    await chooseRole(/Dan Wu/, manager);
    await row(/Dan Wu/)
      .filter({ hasText: w.status.applied(manager, '').replace(/ · $/, '') })
      .waitFor();
    const patches = (await journey.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.every((p) => !JSON.stringify(p).includes('useAdminAccess=true'))).toBe(true);
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
    if (language === 'zh-TW') expect(await journey.englishLeft()).toEqual([]);
    // As people see a member sheet: the key columns hidden, names first.
    await page.getByRole('checkbox', { name: 'Show hidden columns (dimmed)' }).uncheck();
    await page.getByRole('columnheader', { name: 'G (hidden)' }).waitFor({ state: 'hidden' });
    const path = await docsScreenshot(page, language === 'en' ? 'preview' : `preview-${language}`);
    expect(statSync(path).size).toBeGreaterThan(20_000);
    expect(existsSync(path)).toBe(true);
  });
});
