/**
 * The local preview in a real browser: the person's journeys through the page and the real built sidebar, against
 * the Chat API emulator. Elements are found by role and accessible name; waits are on conditions, never on time.
 * Any console error, uncaught error or JavaScript dialog in the page or the sidebar frame fails the test.
 */

import { screenshot, until } from './browser';
import { useJourney } from './journey';

jest.setTimeout(60_000);

const journey = useJourney();
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

it('loads a space from the sidebar and applies a live role edit in Chat', async () => {
  await loadSpace('Launch team');
  for (const who of [/Alice Ng/, /Bob Ortiz/, /Carol Diaz/, /Dan Wu/, /Standup Bot/, /groups\/eng/])
    await row(who).waitFor();
  expect(
    await row(/Carol Diaz/)
      .getByRole('combobox')
      .inputValue(),
  ).toBe('Member');
  await screenshot(journey.page, 'preview-loaded');

  await turnOnLiveEditing();
  await chooseRole(/Carol Diaz/, 'Manager');
  await row(/Carol Diaz/)
    .filter({ hasText: '✓ Now Manager' })
    .waitFor();
  expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
  await requestLog()
    .getByRole('row', { name: /PATCH \/v1\/spaces\/AAAALaunch\/members\/1003\?updateMask=role users\/1001 200/ })
    .waitFor();
  await screenshot(journey.page, 'preview-live-edit');
});

it('puts a refused live edit back and says why', async () => {
  await loadSpace('Launch team');
  await turnOnLiveEditing();
  const carol = row(/Carol Diaz/);
  await carol.getByRole('combobox').selectOption({ label: 'Type another value…' });
  const box = carol.getByRole('textbox');
  await box.fill('Boss');
  await box.press('Enter');
  await carol.filter({ hasText: /✗ Not changed: .*"Boss" is not a role/ }).waitFor();
  expect(await carol.getByRole('combobox').inputValue()).toBe('Member');
  expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
  const patches = (await emulatorRequests()).filter((r) => r.method === 'PATCH');
  expect(patches).toEqual([]);
  await screenshot(journey.page, 'preview-refused');
});

it('bulk-applies rows of three spaces through injected faults, showing progress, until Chat matches the sheet', async () => {
  await loadSpace('Launch team');
  await chooseRole(/Carol Diaz/, 'Manager');
  await chooseRole(/Dan Wu/, 'Manager');
  await loadSpace('Design reviews');
  // A display name that looks like a formula stays text.
  await grid().getByRole('cell', { name: '=SUM(1,2) Sam', exact: true }).waitFor();
  await chooseRole(/Dan Wu/, 'Manager');
  await chooseRole(/=SUM\(1,2\) Sam/, 'Manager');
  await loadSpace('Support rota');
  await chooseRole(/Carol Diaz/, 'Manager');

  const form = journey.page.getByRole('form', { name: 'Emulator settings' });
  await form.getByLabel('Latency (ms)').fill('150');
  await form.getByLabel('Fault rate (%)').fill('30');
  await form.getByLabel('Fault statuses').fill('429, 500, 503');
  await form.getByLabel('Fault seed').fill('7');
  await form.getByLabel('Fault mode').selectOption('either');
  await form.getByRole('button', { name: 'Apply emulator settings' }).click();
  await journey.page.getByRole('status', { name: 'Emulator settings status' }).filter({ hasText: 'applied' }).waitFor();

  await sidebar().getByRole('button', { name: 'Apply pending changes' }).click();
  const dialog = journey.page.getByRole('dialog', { name: 'Apply 5 role changes?' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toMatch(/Launch team: 2 \(Member → Manager ×2\)/);
  await journey.page
    .getByRole('status', { name: 'Apps Script' })
    .filter({ hasText: /running google\.script\.run\.applyPendingChanges as Alice/ })
    .waitFor();
  await screenshot(journey.page, 'preview-bulk-confirm');
  await answerDialog(/^Apply 5 role change/, 'Yes');

  await journey.page
    .getByRole('status', { name: 'Run progress' })
    .filter({ hasText: /^Bulk apply \(Alice\): \d+ done, \d+ failed, \d+ remaining/ })
    .waitFor();
  await screenshot(journey.page, 'preview-bulk-progress');
  await sidebar()
    .getByText(/^Applied 5, failed 0, refused 0\./)
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
    await row(who).filter({ hasText: '✓ Now Manager' }).waitFor();
    expect(await serverRole(space, user)).toBe('ROLE_ASSISTANT_MANAGER');
  }
  await screenshot(journey.page, 'preview-bulk-done');
});

it('writes the dry run into the Preview sheet without calling Chat', async () => {
  await loadSpace('Launch team');
  await chooseRole(/Carol Diaz/, 'Manager');
  await chooseRole(/Standup Bot/, 'Owner');
  await journey.page
    .getByRole('toolbar', { name: 'Chat space roles menu' })
    .getByRole('button', { name: /dry run/ })
    .click();
  await journey.page.getByRole('tab', { name: 'Preview', selected: true }).waitFor();
  await row(/Launch team Carol Diaz .* Member Manager Will apply/).waitFor();
  await row(/Launch team Standup Bot .* Will be refused: .*Chat app/).waitFor();
  const requests = await emulatorRequests();
  expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  await screenshot(journey.page, 'preview-dry-run');
});

it('undoes the last bulk apply after a No and then a Yes', async () => {
  await loadSpace('Launch team');
  await chooseRole(/Carol Diaz/, 'Manager');
  await chooseRole(/Dan Wu/, 'Owner');
  const menu = journey.page.getByRole('toolbar', { name: 'Chat space roles menu' });
  await menu.getByRole('button', { name: 'Apply pending role changes' }).click();
  await answerDialog(/^Apply 2 role change/, 'Yes');
  const toasts = journey.page.getByRole('list', { name: 'Toasts' });
  await toasts.getByText('Applied 2, failed 0.').waitFor();
  expect(await serverRole('spaces/AAAALaunch', 'users/1004')).toBe('ROLE_MANAGER');

  await menu.getByRole('button', { name: 'Undo last bulk apply' }).click();
  await answerDialog(/^Undo 2 change/, 'No');
  await journey.page.getByRole('list', { name: 'Dialog log' }).getByText('Alice answered No').waitFor();
  expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');

  await menu.getByRole('button', { name: 'Undo last bulk apply' }).click();
  await answerDialog(/^Undo 2 change/, 'Yes');
  await until('Chat has the roles from before the bulk apply', async () => {
    const [carol, dan] = await Promise.all([
      serverRole('spaces/AAAALaunch', 'users/1003'),
      serverRole('spaces/AAAALaunch', 'users/1004'),
    ]);
    return carol === 'ROLE_MEMBER' && dan === 'ROLE_MEMBER';
  });
  await openTab('Launch team');
  for (const who of [/Carol Diaz/, /Dan Wu/]) {
    await row(who).filter({ hasText: '✓ Now Member' }).waitFor();
    expect(await row(who).getByRole('combobox').inputValue()).toBe('Member');
  }
  await screenshot(journey.page, 'preview-undo');
});

it('shows a space name made of HTML as text, in the sidebar and in the sheet tabs', async () => {
  const name = '<img src=x onerror=alert(1)> Security drills';
  await sidebar().getByText(name, { exact: true }).waitFor();
  await loadSpace(name);
  expect(await journey.page.getByRole('img').count()).toBe(0);
  expect(await sidebar().getByRole('img').count()).toBe(0);
  await screenshot(journey.page, 'preview-html-name');
});

it('gives the sidebar google.script.run with Apps Script semantics, as the chosen person', async () => {
  await journey.page.getByRole('radio', { name: 'Bob' }).check();
  await sidebar().getByText('Signed in as bob@example.com').waitFor();
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
