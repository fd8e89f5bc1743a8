/**
 * The local preview page: the simulated spreadsheet (tabs, grid, Role dropdowns), the real built sidebar in an
 * iframe, the add-on menu, dialogs the person answers, toasts, the Chat API emulator's request log and its latency and
 * fault settings. Everything shown comes from the preview server as JSON and is put in the page as text
 * (textContent, option text, attributes), never parsed as HTML: cell values and space names are other people's data.
 * Bundled by esbuild when the preview server starts (tools/preview/page-bundle.ts).
 */

import type { PreviewUser } from '../protocol';
import { api, showBanner } from './api';
import { renderSpeeds, wireControls } from './controls';
import { answerCloseOnCancel } from './dialogs';
import { messageOf } from './dom';
import { loadEmulatorSettings, pollRequests, renderRequests, wireEmulatorPanel } from './emulator-panel';
import { pollState } from './render';
import { listenForSidebarClose, loadSidebar, renderUsers } from './sidebar-frame';
import { state } from './state';
import { renderBusy } from './status-line';
import { ui } from './ui';

const BUSY_TICK_MS = 1000;

/** The people's Google language (?locale=zh_TW opens the preview in Traditional Chinese). */
async function applyLocale(locale: string): Promise<void> {
  const known = [...ui.locale.options].some((o) => o.value === locale) ? locale : 'en';
  ui.locale.value = known;
  await api('POST', '/preview/locale', { locale: known });
}

async function start(): Promise<void> {
  const config = await api<{ users: PreviewUser[]; defaultUser: string; speeds: number[] }>('GET', '/preview/config');
  state.users = config.users;
  state.user = config.defaultUser;
  renderSpeeds(config.speeds);
  renderUsers();
  await applyLocale(new URLSearchParams(location.search).get('locale') ?? 'en');
  ui.locale.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('locale', ui.locale.value);
    history.replaceState(null, '', url);
    applyLocale(ui.locale.value)
      .then(loadSidebar)
      .catch((e) => showBanner(messageOf(e)));
  });
  loadSidebar();
  renderRequests();
  await loadEmulatorSettings();
  void pollState();
  void pollRequests();
}

listenForSidebarClose();
answerCloseOnCancel();
wireControls();
wireEmulatorPanel();
setInterval(renderBusy, BUSY_TICK_MS);
start().catch((e) => showBanner(`The preview could not start: ${messageOf(e)}. Reload the page to try again.`));
