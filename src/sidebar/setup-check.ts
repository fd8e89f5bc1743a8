/** The sidebar's "Check setup": runs the server's checks and shows the checklist (✓ / ✗ with the fix / – not checked). */

import type { CheckLine } from '../domain/setup-checklist';
import { callServer } from './server-client';

export const WORDS = {
  checking: 'Checking the setup…',
  failed: (message: string) => `Could not check the setup: ${message}`,
  marks: { ok: '✓', failed: '✗', skipped: '–' } as const,
};

function render(list: HTMLUListElement, lines: readonly CheckLine[]): void {
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li');
      item.className = `check ${line.mark}`;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = WORDS.marks[line.mark];
      const label = document.createElement('strong');
      label.textContent = line.label;
      item.append(mark, label);
      item.setAttribute(
        'aria-label',
        `${line.mark === 'ok' ? 'OK' : line.mark === 'failed' ? 'Not set up' : 'Not checked'}: ${line.label}`,
      );
      if (line.detail) {
        const detail = document.createElement('div');
        detail.className = 'muted';
        detail.textContent = line.detail;
        item.append(detail);
      }
      return item;
    }),
  );
}

/** Wires the button; `admin` says whether admin mode is on (then the admin privilege is checked too). */
export function wireSetupCheck(
  button: HTMLButtonElement,
  list: HTMLUListElement,
  admin: () => boolean,
  messageOf: (e: unknown) => string,
): void {
  button.addEventListener('click', async () => {
    button.disabled = true;
    list.setAttribute('aria-busy', 'true');
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: WORDS.checking }));
    try {
      render(list, await callServer('checkSetup', { admin: admin() }));
    } catch (e) {
      list.replaceChildren(
        Object.assign(document.createElement('li'), { textContent: WORDS.failed(messageOf(e)), className: 'error' }),
      );
    } finally {
      list.removeAttribute('aria-busy');
      button.disabled = false;
    }
  });
}
