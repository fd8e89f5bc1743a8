/**
 * The local preview in a real browser: the person's journeys through the page and the real built sidebar, against
 * the Chat API emulator. Elements are found by role and accessible name; waits are on conditions, never on time.
 * Any console error, uncaught error or JavaScript dialog in the page or the sidebar frame fails the test.
 */

import { screenshot, until } from './browser';
import { LANGUAGES, useJourney } from './journey';

jest.setTimeout(60_000);

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Every journey in English and in Traditional Chinese: the add-on's words come from the catalogue of the language,
// and a zh-TW run fails on any English word the add-on left on screen.
describe.each(LANGUAGES)('in %s', (language) => {
  const journey = useJourney(undefined, language);
  const {
    sidebar,
    grid,
    row,
    requestLog,
    requests: emulatorRequests,
    serverRole,
    loadSpace,
    openTab,
    chooseRole,
  } = journey;
  const { turnOnLiveEditing, answerDialog } = journey;
  const w = journey.words;
  const [member, manager, owner] = [w.roles.ROLE_MEMBER, w.roles.ROLE_ASSISTANT_MANAGER, w.roles.ROLE_MANAGER];
  /** The start of an applied Status ("✓ Now Manager"), before its time. */
  const nowRole = (role: string) => w.status.applied(role, '').replace(/ · $/, '');
  /** After a journey: in zh-TW, no English word of the add-on's left on screen. */
  const noEnglishLeft = async (typed: readonly string[] = []) => {
    if (language === 'zh-TW') expect(await journey.englishLeft(typed)).toEqual([]);
  };
  /** Screenshots of the zh-TW run get their own names. */
  const shot = (name: string) => screenshot(journey.page, language === 'en' ? name : `${name}-${language}`);

  it('loads a space from the sidebar and applies a live role edit in Chat', async () => {
    await loadSpace('Launch team');
    for (const who of [/Alice Ng/, /Bob Ortiz/, /Carol Diaz/, /Dan Wu/, /Standup Bot/, /groups\/eng/])
      await row(who).waitFor();
    expect(
      await row(/Carol Diaz/)
        .getByRole('combobox')
        .inputValue(),
    ).toBe(member);
    await shot('preview-loaded');

    await turnOnLiveEditing();
    await chooseRole(/Carol Diaz/, manager);
    await row(/Carol Diaz/)
      .filter({ hasText: nowRole(manager) })
      .waitFor();
    expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    await requestLog()
      .getByRole('row', { name: /PATCH \/v1\/spaces\/AAAALaunch\/members\/1003\?updateMask=role users\/1001 200/ })
      .waitFor();
    await noEnglishLeft();
    await shot('preview-live-edit');
  });

  it('puts a refused live edit back and says why', async () => {
    await loadSpace('Launch team');
    await turnOnLiveEditing();
    const carol = row(/Carol Diaz/);
    await carol.getByRole('combobox').selectOption({ label: 'Type another value…' });
    const box = carol.getByRole('textbox');
    await box.fill('Boss');
    await box.press('Enter');
    await carol.filter({ hasText: new RegExp(`${esc(w.status.refused(''))}.*Boss`) }).waitFor();
    expect(await carol.getByRole('combobox').inputValue()).toBe(member);
    expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    const patches = (await emulatorRequests()).filter((r) => r.method === 'PATCH');
    expect(patches).toEqual([]);
    // "Boss" is what was typed, quoted back.
    await noEnglishLeft(['Boss']);
    await shot('preview-refused');
  });

  it('bulk-applies rows of three spaces through injected faults, showing progress, until Chat matches the sheet', async () => {
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await chooseRole(/Dan Wu/, manager);
    await loadSpace('Design reviews');
    // A display name that looks like a formula stays text.
    await grid().getByRole('cell', { name: '=SUM(1,2) Sam', exact: true }).waitFor();
    await chooseRole(/Dan Wu/, manager);
    await chooseRole(/=SUM\(1,2\) Sam/, manager);
    await loadSpace('Support rota');
    await chooseRole(/Carol Diaz/, manager);

    const form = journey.page.getByRole('form', { name: 'Emulator settings' });
    await form.getByLabel('Latency (ms)').fill('150');
    await form.getByLabel('Fault rate (%)').fill('30');
    await form.getByLabel('Fault statuses').fill('429, 500, 503');
    await form.getByLabel('Fault seed').fill('7');
    await form.getByLabel('Fault mode').selectOption('either');
    await form.getByRole('button', { name: 'Apply emulator settings' }).click();
    await journey.page
      .getByRole('status', { name: 'Emulator settings status' })
      .filter({ hasText: 'applied' })
      .waitFor();

    await sidebar().getByRole('button', { name: w.sidebar.applyButton }).click();
    const dialog = journey.page.getByRole('dialog', { name: w.dialog.applyTitle(5) });
    await dialog.waitFor();
    const line = w.dialog.line('Launch team', 'Carol Diaz', member, manager, '\u0000').split('\u0000')[0] as string;
    expect(await dialog.textContent()).toContain(line);
    await journey.page
      .getByRole('status', { name: 'Apps Script' })
      .filter({ hasText: /running google\.script\.run\.applyPendingChanges as Alice/ })
      .waitFor();
    await shot('preview-bulk-confirm');
    await answerDialog(new RegExp(`^${esc(w.dialog.applyTitle(5))}`), 'Yes');

    await journey.page
      .getByRole('status', { name: 'Run progress' })
      .filter({ hasText: /^Bulk apply \(Alice\): \d+ done, \d+ failed, \d+ remaining/ })
      .waitFor();
    await shot('preview-bulk-progress');
    await sidebar()
      .getByText(new RegExp(`^${esc(w.sidebar.applied(5, 0, 0))}`))
      .waitFor({ timeout: 45_000 });
    await requestLog()
      .getByRole('row', { name: /PATCH .* (429|500|503) / })
      .first()
      .waitFor();

    const expected: Array<[string, RegExp, string, string]> = [
      ['Launch team', /Carol Diaz/, 'spaces/AAAALaunch', 'users/1003'],
      ['Launch team', /Dan Wu/, 'spaces/AAAALaunch', 'users/1004'],
      ['Design reviews', /Dan Wu/, 'spaces/AAAADesign', 'users/1004'],
      ['Design reviews', /=SUM\(1,2\) Sam/, 'spaces/AAAADesign', 'users/1006'],
      ['Support rota', /Carol Diaz/, 'spaces/AAAASupport', 'users/1003'],
    ];
    for (const [sheet, who, space, user] of expected) {
      await openTab(sheet);
      await row(who)
        .filter({ hasText: nowRole(manager) })
        .waitFor();
      expect(await serverRole(space, user)).toBe('ROLE_ASSISTANT_MANAGER');
    }
    await noEnglishLeft();
    await shot('preview-bulk-done');
  });

  it('writes the dry run into the Preview sheet without calling Chat', async () => {
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await chooseRole(/Standup Bot/, owner);
    await journey.page
      .getByRole('toolbar', { name: 'Chat space roles menu' })
      .getByRole('button', { name: w.menu.preview })
      .click();
    await journey.page.getByRole('tab', { name: w.sheetTitles.preview, selected: true }).waitFor();
    await row(new RegExp(`Launch team Carol Diaz .* ${member} ${manager} ${esc(w.preview.willApply)}`)).waitFor();
    await row(new RegExp(`Launch team Standup Bot .* ${esc(w.preview.willRefuse(w.reason.appRole))}`)).waitFor();
    const requests = await emulatorRequests();
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    await noEnglishLeft();
    await shot('preview-dry-run');
  });

  it('undoes the last bulk apply after a No and then a Yes', async () => {
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await chooseRole(/Dan Wu/, owner);
    const menu = journey.page.getByRole('toolbar', { name: 'Chat space roles menu' });
    await menu.getByRole('button', { name: w.menu.apply }).click();
    await answerDialog(new RegExp(`^${esc(w.dialog.applyTitle(2))}`), 'Yes');
    const toasts = journey.page.getByRole('list', { name: 'Toasts' });
    await toasts.getByText(w.toast.finished(2, 0)).waitFor();
    expect(await serverRole('spaces/AAAALaunch', 'users/1004')).toBe('ROLE_MANAGER');

    await menu.getByRole('button', { name: w.menu.undo }).click();
    await answerDialog(new RegExp(`^${esc(w.dialog.undoTitle(2))}`), 'No');
    await journey.page.getByRole('list', { name: 'Dialog log' }).getByText('Alice answered No').waitFor();
    expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');

    await menu.getByRole('button', { name: w.menu.undo }).click();
    await answerDialog(new RegExp(`^${esc(w.dialog.undoTitle(2))}`), 'Yes');
    await until('Chat has the roles from before the bulk apply', async () => {
      const [carol, dan] = await Promise.all([
        serverRole('spaces/AAAALaunch', 'users/1003'),
        serverRole('spaces/AAAALaunch', 'users/1004'),
      ]);
      return carol === 'ROLE_MEMBER' && dan === 'ROLE_MEMBER';
    });
    await openTab('Launch team');
    for (const who of [/Carol Diaz/, /Dan Wu/]) {
      await row(who)
        .filter({ hasText: nowRole(member) })
        .waitFor();
      expect(await row(who).getByRole('combobox').inputValue()).toBe(member);
    }
    await noEnglishLeft();
    await shot('preview-undo');
  });

  it('shows a space name made of HTML as text, in the sidebar and in the sheet tabs', async () => {
    const name = '<img src=x onerror=alert(1)> Security drills';
    await sidebar().getByText(name, { exact: true }).waitFor();
    await loadSpace(name);
    expect(await journey.page.getByRole('img').count()).toBe(0);
    expect(await sidebar().getByRole('img').count()).toBe(0);
    await shot('preview-html-name');
  });

  it('gives the sidebar google.script.run with Apps Script semantics, as the chosen person', async () => {
    await journey.page.getByRole('radio', { name: 'Bob' }).check();
    await sidebar().getByText(w.sidebar.signedInAs('bob@example.com')).waitFor();
    const frame = journey.page.frames().find((f) => f.url().includes('/sidebar?as=bob%40example.com'));
    if (!frame) throw new Error('no sidebar frame for Bob');
    const outcome = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          type Runner = { [name: string]: (...args: unknown[]) => Runner };
          const run = (globalThis as unknown as { google: { script: { run: Runner } } }).google.script.run;
          const call = (runner: Runner, name: string, ...args: unknown[]) =>
            (runner[name] as (...a: unknown[]) => Runner)(...args);
          const seen: Record<string, unknown> = { calledBackSynchronously: false };
          let returned = false;
          const onFailure = (error: unknown, userObject: unknown) =>
            resolve({ ...seen, isError: error instanceof Error, failure: (error as Error).message, userObject });
          const onState = (value: unknown, userObject: unknown) => {
            Object.assign(seen, { state: value, stateUserObject: userObject });
            if (!returned) seen.calledBackSynchronously = true;
            const next = call(call(run, 'withFailureHandler', onFailure), 'withUserObject', 'second');
            call(next, 'noSuchFunction', 1, { a: [true, null] });
          };
          call(call(call(run, 'withSuccessHandler', onState), 'withUserObject', { n: 1 }), 'getSidebarState');
          returned = true;
        }),
    );
    expect(outcome).toEqual({
      calledBackSynchronously: false,
      state: expect.objectContaining({ email: 'bob@example.com', liveEditing: false }),
      stateUserObject: { n: 1 },
      isError: true,
      failure: expect.stringMatching(/noSuchFunction/),
      userObject: 'second',
    });
  });
});
