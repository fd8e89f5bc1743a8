/** The Apps Script activity log: each execution, who ran it, how long it took and how it ended. */

import type { Snapshot } from '../protocol';
import { clockTime, el } from './dom';
import { labelOf } from './state';
import { ui } from './ui';

export function renderActivity(snap: Snapshot): void {
  const body = ui.activity.tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...snap.activity.map((a) =>
      el(
        'tr',
        { className: a.ok ? '' : 'failed' },
        el('td', { text: clockTime(a.at) }),
        el('td', { text: a.what }),
        el('td', { text: labelOf(a.user) }),
        el('td', { text: a.durationMs >= 0 ? String(a.durationMs) : '' }),
        el('td', { text: `${a.ok ? '✓' : '✗'} ${a.detail}`.trim(), className: 'result', attrs: { title: a.detail } }),
      ),
    ),
  );
}
