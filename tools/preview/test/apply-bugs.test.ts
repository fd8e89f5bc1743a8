/**
 * Apply bugs of issue 13, each reproduced in Chromium at the size they were found at (1440×900): what the
 * confirmation counts, and what the result says about rows that were asked for but not applied.
 */

import { useJourney } from './journey';

jest.setTimeout(60_000);

const journey = useJourney({ width: 1440, height: 900 });
const { row, requests, loadSpace, chooseRole, answerDialog } = journey;

/** Types into one cell of the sheet on screen with the page's "Type into cell" form, as the person at the page. */
async function typeInto(cell: string, value: string): Promise<void> {
  const form = journey.page.getByRole('form', { name: 'Type into a cell' });
  await form.getByLabel('Cell', { exact: true }).fill(cell);
  await form.getByLabel('Value', { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Type into cell' }).click();
  await journey.page
    .getByRole('status', { name: 'Last edit' })
    .filter({ hasText: `typed “${value}” in ${cell}` })
    .waitFor();
}

/** The text of the add-on's dialog with this title, read while it is open (it is hidden once answered). */
async function dialogText(title: RegExp): Promise<string> {
  const dialog = journey.page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return (await dialog.textContent()) ?? '';
}

async function pressApply(): Promise<void> {
  await journey.page
    .getByRole('toolbar', { name: 'Chat space roles menu' })
    .getByRole('button', { name: /^Apply/ })
    .click();
}

const lookupsOfSam = async () =>
  (await requests()).filter((r) => r.method === 'GET' && r.path.endsWith('/members/sam%40example.com')).length;

it('counts only real changes, names a row added by email that was not applied, and does not ask for it again (bug 4)', async () => {
  const { page } = journey;
  await loadSpace('Launch team');
  // Sam is not in Launch team: a row added for him by email can only be refused.
  // The grid's rows are the column letters and the sheet's rows: their count is the first empty row's number.
  const next = await journey.grid().getByRole('row').count();
  await typeInto(`B${next}`, 'sam@example.com');
  await typeInto(`E${next}`, 'Owner');
  await chooseRole(/Carol Diaz/, 'Manager');

  await pressApply();
  // One change and one row to look up: the title counts the change, a line says a row will be looked up first.
  expect(await dialogText(/^Apply 1 role change\?/)).toMatch(/1 row added by email will be looked up first/);
  await answerDialog(/^Apply 1 role change\?/, 'Yes');
  await row(/Carol Diaz/)
    .filter({ hasText: '✓ Now Manager' })
    .waitFor();
  expect(await lookupsOfSam()).toBe(1);
  // The result says what was not applied, and why: nothing asked for is dropped silently.
  const toasts = page.getByRole('list', { name: 'Toasts' });
  await toasts.getByText(/Applied 1, failed 0\. Not applied: sam@example\.com \(not a member of this space/).waitFor();
  await row(/sam@example\.com/)
    .filter({ hasText: 'not a member of this space' })
    .waitFor();

  // The refused row asks for nothing any more: a later Apply neither counts it nor looks it up again.
  await chooseRole(/Dan Wu/, 'Manager');
  await pressApply();
  expect(await dialogText(/^Apply 1 role change\?/)).not.toMatch(/sam@example\.com|looked up/);
  await answerDialog(/^Apply 1 role change\?/, 'Yes');
  await row(/Dan Wu/)
    .filter({ hasText: '✓ Now Manager' })
    .waitFor();
  expect(await lookupsOfSam()).toBe(1);
});

const menuItem = (name: string | RegExp) =>
  journey.page.getByRole('toolbar', { name: 'Chat space roles menu' }).getByRole('button', { name });

it('takes a stale dry run off the screen once an Apply ran, and Undo’s toasts speak of undoing (bug 11)', async () => {
  const { page } = journey;
  await loadSpace('Launch team');
  await chooseRole(/Carol Diaz/, 'Manager');
  await menuItem('Preview pending changes (dry run)').click();
  await page.getByRole('tab', { name: 'Preview', exact: true, selected: true }).waitFor();

  await pressApply();
  await answerDialog(/^Apply 1 role change\?/, 'Yes');
  // The dry run described the sheet before the Apply: it is not left on screen as if still true.
  await page.getByRole('tab', { name: 'Preview', exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Launch team', selected: true }).waitFor();
  await row(/Carol Diaz/)
    .filter({ hasText: '✓ Now Manager' })
    .waitFor();

  await menuItem('Undo last bulk apply').click();
  await answerDialog(/^Undo 1 change/, 'Yes');
  const toasts = page.getByRole('list', { name: 'Toasts' }).getByRole('listitem');
  await toasts.filter({ hasText: 'Undid 1, failed 0.' }).waitFor();
  // Newest first: the undo's own two toasts, neither saying "Applying" or "Applied".
  const [result, start] = await toasts.allTextContents();
  expect(result).toMatch(/Undid 1, failed 0\.$/);
  expect(start).toMatch(/Undoing 1 role change…$/);
});

it('gives each Audit row the time its answer came back, not one time for the whole space (bug 11)', async () => {
  await loadSpace('Launch team');
  await chooseRole(/Carol Diaz/, 'Manager');
  await chooseRole(/Dan Wu/, 'Manager');
  await chooseRole(/Bob Ortiz/, 'Member');
  await pressApply();
  await answerDialog(/^Apply 3 role changes\?/, 'Yes');
  await journey.page
    .getByRole('list', { name: 'Toasts' })
    .getByText(/Applied 3, failed 0\./)
    .waitFor();
  await journey.openTab('Audit');
  // One write a second per space: three waves, three answers, three times (the first column).
  const rows = journey.grid().getByRole('row', { name: /Launch team/ });
  expect(await rows.count()).toBe(3);
  const times = await rows.evaluateAll((trs) =>
    trs.map((tr) => (tr as unknown as { cells: ArrayLike<{ textContent: string }> }).cells[1]?.textContent ?? ''),
  );
  expect(new Set(times).size).toBe(3);
});
