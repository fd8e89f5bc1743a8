/** The sidebar's "Check setup": runs the server's checks and shows the checklist (✓ / ✗ with the fix / – not checked). */

import type { CheckLine } from '../domain/setup-checklist';
import { t } from './i18n';
import { callServer } from './server-client';

const MARKS = { ok: '✓', failed: '✗', skipped: '–' } as const;

function render(list: HTMLUListElement, lines: readonly CheckLine[]): void {
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement('li');
      item.className = `check ${line.mark}`;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = MARKS[line.mark];
      const label = document.createElement('strong');
      label.textContent = line.label;
      item.append(mark, label);
      item.setAttribute('aria-label', t().checkMark[line.mark](line.label));
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
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: t().checking }));
    try {
      render(list, await callServer('checkSetup', { admin: admin() }));
    } catch (e) {
      list.replaceChildren(
        Object.assign(document.createElement('li'), {
          textContent: t().couldNotCheck(messageOf(e)),
          className: 'error',
        }),
      );
    } finally {
      list.removeAttribute('aria-busy');
      button.disabled = false;
    }
  });
}
