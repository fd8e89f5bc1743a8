/**
 * Sidebar bugs of issue 13, each reproduced in Chromium at the size they were found at (1440×900), against the
 * preview, which serves the built dist/Sidebar.html byte for byte.
 */

import { useJourney } from './journey';

jest.setTimeout(60_000);

const journey = useJourney({ width: 1440, height: 900 });

// Bugs 3, 7, 9 and 10 run in both languages in both-languages.test.ts.

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
