/**
 * Preview-page bugs of issue 13 (bug 2 and the preview part of bug 12), each reproduced in Chromium at the size it
 * was found at (1440×900): Reset demo refused with 415, arrow keys on a Role dropdown sent as edits, toasts over the
 * emulator controls, and ⏳ drawn as an empty box.
 */

import type { Locator } from 'playwright-core';
import { screenshot } from './browser';
import { LANGUAGES, useJourney } from './journey';

jest.setTimeout(60_000);

interface LoggedPatch {
  method: string;
  path: string;
  body: { role?: string };
}

// Each bug in English and in Traditional Chinese: the add-on's words come from the catalogue of the language.
describe.each(LANGUAGES)('in %s', (language) => {
  const journey = useJourney({ width: 1440, height: 900 }, language);
  const {
    row,
    requests: emulatorRequests,
    serverRole,
    loadSpace,
    chooseRole,
    turnOnLiveEditing,
    answerDialog,
  } = journey;
  const w = journey.words;
  const [member, manager, owner] = [w.roles.ROLE_MEMBER, w.roles.ROLE_ASSISTANT_MANAGER, w.roles.ROLE_MANAGER];
  /** The start of an applied Status ("✓ Now Owner"), before its time. */
  const nowRole = (role: string) => w.status.applied(role, '').replace(/ · $/, '');
  const pending = w.status.pendingOtherEditor('').split(/[:：]/)[0] as string;

  const lastEdit = (): Locator => journey.page.getByRole('status', { name: 'Last edit' });

  async function patches(): Promise<LoggedPatch[]> {
    return (await emulatorRequests()).filter((r) => r.method === 'PATCH') as unknown as LoggedPatch[];
  }

  it('resets the demo from its button (bug 2: the page posted no JSON and got 415)', async () => {
    await loadSpace('Launch team');
    await journey.page.getByRole('button', { name: 'Reset demo' }).click();
    await lastEdit().filter({ hasText: 'The demo was reset' }).waitFor();
    await journey.page.getByRole('tab', { name: 'Launch team' }).waitFor({ state: 'detached' });
  });

  it('sends a Role chosen with the arrow keys once, when Enter or leaving the cell commits it (bug 12)', async () => {
    await loadSpace('Launch team');
    await turnOnLiveEditing();
    const carol = row(/Carol Diaz/).getByRole('combobox');
    await carol.focus();
    await carol.press('ArrowDown');
    await carol.press('ArrowDown');
    expect(await carol.inputValue()).toBe(owner);
    await carol.press('Enter');
    await row(/Carol Diaz/)
      .filter({ hasText: nowRole(owner) })
      .waitFor();

    const dan = row(/Dan Wu/).getByRole('combobox');
    await dan.focus();
    await dan.press('ArrowDown');
    await dan.press('Tab');
    await row(/Dan Wu/)
      .filter({ hasText: nowRole(manager) })
      .waitFor();

    // Only the committed roles went out: no PATCH for the option passed on the way (a 429 retry repeats the same one).
    const sent = new Set((await patches()).map((p) => `${p.path} ${p.body.role}`));
    expect([...sent]).toEqual([
      '/v1/spaces/AAAALaunch/members/1003 ROLE_MANAGER',
      '/v1/spaces/AAAALaunch/members/1004 ROLE_ASSISTANT_MANAGER',
    ]);
    expect(await serverRole('spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MANAGER');
    expect(await serverRole('spaces/AAAALaunch', 'users/1004')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  it('still sends a Role picked with the mouse at once', async () => {
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await lastEdit()
      .filter({ hasText: `typed “${manager}” in E` })
      .waitFor();
    expect(member).not.toBe(manager);
  });

  it('pops a toast up over the sheet, never over the emulator controls (bug 12)', async () => {
    const { page } = journey;
    await loadSpace('Launch team');
    await chooseRole(/Carol Diaz/, manager);
    await page
      .getByRole('toolbar', { name: 'Chat space roles menu' })
      .getByRole('button', { name: w.menu.apply })
      .click();
    await answerDialog(new RegExp(`^${w.dialog.applyTitle(1).replace(/[?？]$/, '')}`), 'Yes');
    const toast = page.getByRole('status', { name: 'Toast' });
    await toast.waitFor();
    const form = page.getByRole('form', { name: 'Emulator settings' });
    const controls = form.locator('input, select, button');
    const overlaps = async () => {
      const box = await toast.boundingBox();
      const hits: string[] = [];
      for (const control of await controls.all()) {
        const other = await control.boundingBox();
        if (box && other && intersect(box, other)) hits.push((await control.getAttribute('id')) ?? 'a button');
      }
      return hits;
    };
    expect(await overlaps()).toEqual([]);
    // Scrolled down to the emulator panel, as someone watching the request log is.
    await form.getByRole('button', { name: 'Apply emulator settings' }).scrollIntoViewIfNeeded();
    expect(await toast.isVisible()).toBe(true);
    expect(await overlaps()).toEqual([]);
    await screenshot(page, `preview-toast-${language}`);
  });

  it('draws ⏳ and the Status word after it as glyphs, not empty boxes, in a sheet cell (bug 12)', async () => {
    await loadSpace('Launch team');
    const { page } = journey;
    await page.getByLabel('Cell', { exact: true }).fill('F4');
    // The Status word of the language too: without a CJK font, 待處理 would be empty boxes as well.
    await page.getByLabel('Value', { exact: true }).fill(pending);
    await page.getByRole('button', { name: 'Type into cell' }).click();
    const cell = journey.grid().getByRole('cell', { name: pending, exact: true });
    await cell.waitFor();
    // In the cell's own font: ⏳ must not draw like a character no installed font has (the "tofu" box).
    const boxes = await cell.evaluate((td, text) => {
      // This file is compiled without the DOM library: the little of it used here, typed by hand.
      const win = globalThis as unknown as BrowserWindow;
      const font = win.getComputedStyle(td).font;
      const pixels = (text: string) => {
        const canvas = win.document.createElement('canvas');
        canvas.width = 40;
        canvas.height = 40;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d canvas');
        context.font = font;
        context.fillText(text, 4, 30);
        return Array.from(context.getImageData(0, 0, 40, 40).data).join(',');
      };
      const tofu = pixels('\u{10FFFD}');
      return [...text].filter((ch) => ch.trim() && pixels(ch) === tofu);
    }, pending);
    expect(boxes).toEqual([]);
  });
});

function intersect(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface BrowserWindow {
  getComputedStyle(element: unknown): { font: string };
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        font: string;
        fillText(text: string, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
      } | null;
    };
  };
}
