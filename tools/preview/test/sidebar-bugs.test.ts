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
