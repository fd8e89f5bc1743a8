/** The sidebar's error lines: a server sentence that already says what could not be done is not wrapped again. */

import { emulatorControl } from '../../emulator/control-client';
import { useJourney } from './journey';

describe('sidebar errors', () => {
  const journey = useJourney();

  it('shows a setup error once ("Could not list your spaces: …", never "Could not …: Could not …")', async () => {
    await emulatorControl(journey.preview.emulatorUrl).config({ apiEnabled: false });
    const sidebar = journey.sidebar();
    await sidebar.getByRole('button', { name: 'Reload list' }).click();
    const status = sidebar.locator('#status.error');
    await status.waitFor();
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/^Could not list your spaces: the Google Chat API is turned off/);
    expect(text.match(/Could not/g)).toHaveLength(1);
  });
});
