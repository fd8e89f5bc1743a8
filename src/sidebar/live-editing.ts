/**
 * The sidebar's live-editing checkbox. The menu can switch live editing too: when the person comes back to the
 * sidebar (pointer, focus, the tab shown again), it asks the server again, at most every 2 s, so the checkbox never
 * shows a stale state.
 */

import { t } from './i18n';
import { callServer } from './server-client';

const RECHECK_MS = 2000;

export function wireLiveEditing(
  live: HTMLInputElement,
  say: (text: string, isError?: boolean) => void,
  messageOf: (e: unknown) => string,
): void {
  let checkedAt = 0;
  const recheck = async () => {
    const now = Date.now();
    if (live.disabled || now - checkedAt < RECHECK_MS) return;
    checkedAt = now;
    try {
      const state = await callServer('getSidebarState');
      if (!live.disabled) live.checked = state.liveEditing;
    } catch {
      // Kept as it was: the next return to the sidebar asks again.
    }
  };
  for (const event of ['pointerover', 'focusin'] as const) document.addEventListener(event, () => void recheck());
  window.addEventListener('focus', () => void recheck());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void recheck();
  });
  live.addEventListener('change', async () => {
    live.disabled = true;
    try {
      const state = await callServer('setLiveEditing', live.checked);
      live.checked = state.liveEditing;
      say(state.liveEditing ? t().liveOn : t().liveOff);
    } catch (e) {
      live.checked = !live.checked;
      say(t().couldNotToggle(messageOf(e)), true);
    } finally {
      live.disabled = false;
      checkedAt = Date.now();
    }
  });
}
