/** The sidebar's error lines: a server sentence that already says what could not be done is not wrapped again. */

import { emulatorControl } from '../../emulator/control-client';
import { LANGUAGES, useJourney } from './journey';

describe.each(LANGUAGES)('sidebar errors, in %s', (language) => {
  const journey = useJourney(undefined, language);

  it('shows a setup error once ("Could not list your spaces: …", never "Could not …: Could not …")', async () => {
    const w = journey.words;
    await emulatorControl(journey.preview.emulatorUrl).config({ apiEnabled: false });
    const sidebar = journey.sidebar();
    await sidebar.getByRole('button', { name: w.sidebar.reloadList }).click();
    const status = sidebar.locator('#status.error');
    await status.waitFor();
    const text = (await status.textContent()) ?? '';
    expect(text).toBe(w.sidebar.couldNotList(w.setup['api-disabled']));
    expect(text.split(w.sidebar.couldNotPrefix)).toHaveLength(2);
  });
});
