/**
 * Sidebar bugs of issue 13, each reproduced in Chromium at the size they were found at (1440×900), against the
 * preview, which serves the built dist/Sidebar.html byte for byte.
 */

import { useJourney } from './journey';

jest.setTimeout(60_000);

const journey = useJourney({ width: 1440, height: 900 });

it('shows “Act as Workspace admin” and “Load as the Chat app” only once they apply (bug 3: label { display: block } beat `hidden`)', async () => {
  const frame = journey.sidebar();
  await frame.getByText('Workspace admin', { exact: true }).click();
  await frame.getByText('Chat app (service account)', { exact: true }).click();
  await frame.getByRole('checkbox', { name: 'I am a Google Workspace administrator' }).waitFor();
  const actAsAdmin = frame.getByRole('checkbox', { name: 'Act as Workspace admin' });
  const loadAsApp = frame.getByRole('checkbox', { name: 'Load as the Chat app' });
  expect(await actAsAdmin.isVisible()).toBe(false);
  expect(await loadAsApp.isVisible()).toBe(false);

  await frame.getByRole('checkbox', { name: 'I am a Google Workspace administrator' }).check();
  await actAsAdmin.waitFor({ state: 'visible' });
  // Still no key stored: the app option stays out of sight.
  expect(await loadAsApp.isVisible()).toBe(false);
});

it('keeps the live-editing checkbox and the menu in step, whichever one switched it (bug 7: the checkbox went stale)', async () => {
  const { page } = journey;
  const frame = journey.sidebar();
  const menu = page.getByRole('toolbar', { name: 'Chat space roles menu' });
  const checkbox = frame.getByRole('checkbox', { name: /Live editing/ });
  await checkbox.and(frame.locator(':enabled')).waitFor();
  expect(await checkbox.isChecked()).toBe(false);

  await menu.getByRole('button', { name: 'Turn live editing on' }).click();
  await page.getByText('Live editing on for: Alice.').waitFor();
  // Back in the sidebar, as a person is after using the menu: it shows what the menu did.
  await page.getByTitle('Add-on sidebar').hover();
  await frame.getByRole('checkbox', { name: /Live editing/, checked: true }).waitFor();

  // And the other way: switched off in the sidebar, the menu offers to turn it on again.
  await checkbox.uncheck();
  await frame.getByText('Live editing is off.').waitFor();
  await menu.getByRole('button', { name: 'Turn live editing on' }).waitFor();
});

it('counts members the same way in the space list and after a load, and says what else was loaded (bug 7: “5 members”, then 7)', async () => {
  const frame = journey.sidebar();
  const listed = frame.getByRole('button', { name: /^Launch team · / });
  expect(await listed.textContent()).toBe('Launch team · 5 members');
  await journey.loadSpace('Launch team');
  // 7 rows: the 5 members Chat counts (people and groups who joined), plus an invited person and an app.
  await frame.getByText('Loaded 5 members (+ 1 invited, 1 app) into the sheet “Launch team”.').waitFor();
  // The grid's rows: the column letters, the header row, and the 7 loaded.
  expect(await journey.grid().getByRole('row').count()).toBe(1 + 1 + 7);
});

// Bug 9 (a waiting edit's Status and the Apply confirmation name the same author): both-languages.test.ts.

/** Whether an element of the sidebar is inside the sidebar's own viewport (not below its fold). */
const inSidebarView = (locator: ReturnType<ReturnType<typeof journey.sidebar>['locator']>) =>
  locator.evaluate((el) => {
    const rect = (
      el as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
    ).getBoundingClientRect();
    const win = globalThis as unknown as { innerHeight: number };
    return rect.top >= 0 && rect.bottom <= win.innerHeight;
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
  await frame.getByRole('button', { name: /^Launch team · / }).waitFor();
  // Alice is no Workspace admin: searching the organisation's spaces fails.
  await frame.getByText('Workspace admin', { exact: true }).click();
  await frame.getByRole('checkbox', { name: 'I am a Google Workspace administrator' }).check();
  await frame.getByRole('checkbox', { name: 'Act as Workspace admin' }).check();
  const error = frame.locator('#status.error');
  await error.waitFor();
  expect(await inSidebarView(error)).toBe(true);
  expect(
    await frame
      .getByRole('list', { name: /spaces/i })
      .getByRole('button')
      .count(),
  ).toBe(0);
  expect(await frame.getByRole('button', { name: 'Load members' }).isDisabled()).toBe(true);
});

it('shows a bulk apply where every write failed in red, never in the green of success (bug 6)', async () => {
  const { page, loadSpace, chooseRole, answerDialog } = journey;
  await loadSpace('Launch team');
  for (const who of [/Carol Diaz/, /Dan Wu/]) await chooseRole(who, 'Manager');
  // Every request to Chat now fails with 403 (after the load).
  const form = page.getByRole('form', { name: 'Emulator settings' });
  await form.getByLabel('Fault rate (%)').fill('100');
  await form.getByLabel('Fault statuses').fill('403');
  await form.getByLabel('Fault mode').selectOption('before');
  await form.getByRole('button', { name: 'Apply emulator settings' }).click();
  await page.getByRole('status', { name: 'Emulator settings status' }).filter({ hasText: 'applied' }).waitFor();

  const frame = journey.sidebar();
  await frame.getByRole('button', { name: 'Apply pending changes' }).click();
  await answerDialog(/^Apply 2 role changes\?/, 'Yes');
  const result = frame.locator('#status').filter({ hasText: /0 applied, 2 failed|Applied 0, failed 2/ });
  await result.waitFor();
  const green = 'rgb(24, 128, 56)';
  const colour = (locator: typeof result) =>
    locator.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color,
    );
  expect(await colour(result)).not.toBe(green);
  expect(await colour(result)).toBe('rgb(197, 34, 31)');
  const progress = frame.locator('#progress');
  if ((await progress.textContent())?.trim()) expect(await colour(progress)).not.toBe(green);
});
