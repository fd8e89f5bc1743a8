/**
 * Browser test support: Debian's Chromium driven by playwright-core, a fresh profile per launch, and a page that
 * records every console error, uncaught error and JavaScript dialog (in the page and in the sidebar frame), so a
 * test can fail on any of them.
 */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(__dirname, '../../../screenshots');
/** The screenshots the documentation shows (committed): written by the browser tests, never drawn by hand. */
export const DOCS_IMAGES = resolve(__dirname, '../../../docs/images');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'preview-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab whose console errors, page errors and JavaScript dialogs end up in `problems`. */
export async function watchedPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`JavaScript ${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * A documentation screenshot: what is on screen (the viewport, not the whole page), at the size the test set, into
 * docs/images/<name>.png. Written on every run, so the committed image is always one a test produced; only the
 * times in Status cells differ from run to run.
 */
export async function docsScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  const path = join(DOCS_IMAGES, `${name}.png`);
  await page.screenshot({ path, fullPage: false, animations: 'disabled', caret: 'hide' });
  return path;
}

/** Polls an async condition (no fixed sleeps): resolves when it holds, throws `what` after the timeout. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
