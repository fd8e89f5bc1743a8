/** The acting user and the real built sidebar in its iframe, opened as that person. */

import { el } from './dom';
import { refreshSoon, state } from './state';
import { renderLiveEditors } from './status-line';
import { ui } from './ui';

export function renderUsers(): void {
  ui.users.replaceChildren(
    ...state.users.map((u) => {
      const input = el('input', { attrs: { type: 'radio', name: 'acting-user', value: u.email } });
      input.checked = u.email === state.user;
      input.addEventListener('change', () => {
        if (input.checked) switchUser(u.email);
      });
      return el('label', { className: 'inline', attrs: { title: u.email } }, input, document.createTextNode(u.label));
    }),
  );
}

function switchUser(email: string): void {
  state.user = email;
  refreshSoon();
  loadSidebar();
  renderLiveEditors();
}

export function loadSidebar(): void {
  ui.sidebar.hidden = false;
  ui.sidebarClosed.hidden = true;
  ui.sidebar.src = `/sidebar?as=${encodeURIComponent(state.user)}`;
}

/** google.script.host.close() in the sidebar (gas-shim.ts) asks the page to hide the frame. */
export function listenForSidebarClose(): void {
  window.addEventListener('message', (event) => {
    if (event.origin !== window.location.origin || event.source !== ui.sidebar.contentWindow) return;
    if (event.data && event.data.type === 'preview:close-sidebar') {
      ui.sidebar.hidden = true;
      ui.sidebarClosed.hidden = false;
    }
  });
}
