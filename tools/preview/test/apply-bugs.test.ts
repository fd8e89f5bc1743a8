/**
 * Apply bugs of issue 13, each reproduced in Chromium at the size they were found at (1440×900): what the
 * confirmation counts, and what the result says about rows that were asked for but not applied.
 */

import { LANGUAGES, useJourney } from './journey';

jest.setTimeout(60_000);

/** A RegExp matching `text` at the start (or, with `end`, at the end) of a string. */
const at = (text: string, end = false) =>
  new RegExp(`${end ? '' : '^'}${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${end ? '$' : ''}`);

// Each bug in English and in Traditional Chinese: the add-on's words come from the catalogue of the language.
describe.each(LANGUAGES)('in %s', (language) => {
  const journey = useJourney({ width: 1440, height: 900 }, language);
  const { row, requests, loadSpace, chooseRole, answerDialog } = journey;
  const w = journey.words;
  const [owner, manager] = [w.roles.ROLE_MANAGER, w.roles.ROLE_ASSISTANT_MANAGER];
  /** The start of an applied Status ("✓ Now Manager"), before its time. */
  const nowRole = (role: string) => w.status.applied(role, '').replace(/ · $/, '');

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
      .getByRole('button', { name: w.menu.apply })
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
    await typeInto(`E${next}`, owner);
    await chooseRole(/Carol Diaz/, manager);

    await pressApply();
    // One change and one row to look up: the title counts the change, a line says a row will be looked up first.
    expect(await dialogText(at(w.dialog.applyTitle(1)))).toContain(w.dialog.lookups(1));
    await answerDialog(at(w.dialog.applyTitle(1)), 'Yes');
    await row(/Carol Diaz/)
      .filter({ hasText: nowRole(manager) })
      .waitFor();
    expect(await lookupsOfSam()).toBe(1);
    // The result says what was not applied, and why: nothing asked for is dropped silently.
    const toasts = page.getByRole('list', { name: 'Toasts' });
    await toasts
      .getByText(
        w.toast.notApplied(w.toast.finished(1, 0), w.toast.notAppliedItem('sam@example.com', w.reason.notAMember), 0),
      )
      .waitFor();
    await row(/sam@example\.com/)
      .filter({ hasText: w.reason.notAMember })
      .waitFor();

    // The refused row asks for nothing any more: a later Apply neither counts it nor looks it up again.
    await chooseRole(/Dan Wu/, manager);
    await pressApply();
    const again = await dialogText(at(w.dialog.applyTitle(1)));
    expect(again).not.toContain('sam@example.com');
    expect(again).not.toContain(w.dialog.lookups(1));
    await answerDialog(at(w.dialog.applyTitle(1)), 'Yes');
    await row(/Dan Wu/)
      .filter({ hasText: nowRole(manager) })
      .waitFor();
    expect(await lookupsOfSam()).toBe(1);
  });

  const menuItem = (name: string | RegExp) =>
    journey.page.getByRole('toolbar', { name: 'Chat space roles menu' }).getByRole('button', { name });

  it('takes a stale dry run off the screen once an Apply ran, and Undo’s toasts speak of undoing (bug 11)', async () => {
    const { page } = journey;
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await menuItem(w.menu.preview).click();
    await page.getByRole('tab', { name: w.sheetTitles.preview, exact: true, selected: true }).waitFor();

    await pressApply();
    await answerDialog(at(w.dialog.applyTitle(1)), 'Yes');
    // The dry run described the sheet before the Apply: it is not left on screen as if still true.
    await page.getByRole('tab', { name: w.sheetTitles.preview, exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Launch team', selected: true }).waitFor();
    await row(/Carol Diaz/)
      .filter({ hasText: nowRole(manager) })
      .waitFor();

    await menuItem(w.menu.undo).click();
    await answerDialog(at(w.dialog.undoTitle(1)), 'Yes');
    const toasts = page.getByRole('list', { name: 'Toasts' }).getByRole('listitem');
    await toasts.filter({ hasText: w.toast.undone(1, 0) }).waitFor();
    // Newest first: the undo's own two toasts, neither saying "Applying" or "Applied".
    const [result, start] = await toasts.allTextContents();
    expect(result).toMatch(at(w.toast.undone(1, 0), true));
    expect(start).toMatch(at(w.toast.undoing(1), true));
  });

  it('gives each Audit row the time its answer came back, not one time for the whole space (bug 11)', async () => {
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await chooseRole(/Dan Wu/, manager);
    await chooseRole(/Bob Ortiz/, w.roles.ROLE_MEMBER);
    await pressApply();
    await answerDialog(at(w.dialog.applyTitle(3)), 'Yes');
    await journey.page.getByRole('list', { name: 'Toasts' }).getByText(w.toast.finished(3, 0)).waitFor();
    await journey.openTab(w.sheetTitles.audit);
    // One write a second per space: three waves, three answers, three times (the first column).
    const rows = journey.grid().getByRole('row', { name: /Launch team/ });
    expect(await rows.count()).toBe(3);
    const times = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr as unknown as { cells: ArrayLike<{ textContent: string }> }).cells[1]?.textContent ?? ''),
    );
    expect(new Set(times).size).toBe(3);
  });
});
