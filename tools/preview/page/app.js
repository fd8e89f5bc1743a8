// @ts-check
/**
 * The local preview page: the simulated spreadsheet (tabs, grid, Role dropdowns), the real built sidebar in an
 * iframe, the add-on menu, dialogs the person answers, toasts, the Chat API emulator's request log and its latency and
 * fault settings. Everything shown comes from the preview server as JSON and is put in the page as text
 * (textContent, option text, attributes), never parsed as HTML: cell values and space names are other people's data.
 */

/** @typedef {import('../protocol').Snapshot} Snapshot */
/** @typedef {import('../protocol').SnapshotReply} SnapshotReply */
/** @typedef {import('../protocol').Grid} Grid */
/** @typedef {import('../protocol').GridRow} GridRow */
/** @typedef {import('../protocol').PendingDialog} PendingDialog */
/** @typedef {import('../protocol').LoggedRequest} LoggedRequest */
/** @typedef {import('../protocol').PreviewUser} PreviewUser */
/** @typedef {import('../protocol').EmulatorSettings} EmulatorSettings */
/** @typedef {import('../protocol').EditReply} EditReply */
/** @typedef {{ ok: boolean, value?: unknown, error?: string }} Outcome */

const STATE_POLL_MS = 400;
const REQUEST_POLL_MS = 700;
const REQUESTS_KEPT = 300;
const OTHER = '\u0000other';
const BUTTON_LABELS = /** @type {Record<string, string>} */ ({ YES: 'Yes', NO: 'No', OK: 'OK', CANCEL: 'Cancel' });

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`preview page: #${id} is missing`);
  return found;
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ text?: string, className?: string, attrs?: Record<string, string> }} [props]
 * @param {Node[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const ui = {
  users: byId('users', HTMLDivElement),
  speed: byId('speed', HTMLSelectElement),
  reset: byId('reset', HTMLButtonElement),
  banner: byId('banner', HTMLDivElement),
  menu: byId('menu', HTMLDivElement),
  busy: byId('busy', HTMLParagraphElement),
  progress: byId('progress', HTMLParagraphElement),
  liveEditors: byId('live-editors', HTMLParagraphElement),
  triggers: byId('triggers', HTMLParagraphElement),
  tabs: byId('tabs', HTMLDivElement),
  showHidden: byId('show-hidden', HTMLInputElement),
  typeForm: byId('type-form', HTMLFormElement),
  typeCell: byId('type-cell', HTMLInputElement),
  typeValue: byId('type-value', HTMLInputElement),
  editNote: byId('edit-note', HTMLParagraphElement),
  grid: byId('grid', HTMLTableElement),
  gridNote: byId('grid-note', HTMLParagraphElement),
  toast: byId('toast', HTMLDivElement),
  sidebar: byId('sidebar', HTMLIFrameElement),
  sidebarClosed: byId('sidebar-closed', HTMLParagraphElement),
  emulatorForm: byId('emulator-form', HTMLFormElement),
  latency: byId('latency', HTMLInputElement),
  faultRate: byId('fault-rate', HTMLInputElement),
  faultStatuses: byId('fault-statuses', HTMLInputElement),
  faultSeed: byId('fault-seed', HTMLInputElement),
  faultMode: byId('fault-mode', HTMLSelectElement),
  clearLog: byId('clear-log', HTMLButtonElement),
  emulatorNote: byId('emulator-note', HTMLParagraphElement),
  requests: byId('requests', HTMLTableElement),
  dialogLog: byId('dialog-log', HTMLUListElement),
  toastLog: byId('toast-log', HTMLUListElement),
  activity: byId('activity', HTMLTableElement),
  dialog: byId('gas-dialog', HTMLDialogElement),
  dialogTitle: byId('gas-dialog-title', HTMLHeadingElement),
  dialogText: byId('gas-dialog-text', HTMLParagraphElement),
  dialogWho: byId('gas-dialog-who', HTMLParagraphElement),
  dialogButtons: byId('gas-dialog-buttons', HTMLDivElement),
};

const state = {
  /** @type {PreviewUser[]} */
  users: [],
  user: '',
  /** The sheet shown; null: the one the server says to follow. */
  /** @type {string | null} */
  view: null,
  /** @type {string | null} */
  lastFollow: null,
  /** @type {Snapshot | null} */
  snapshot: null,
  version: '',
  rowLimit: 300,
  generation: 0,
  /** The cell whose free-text box is open ("E4"); the grid is not redrawn under it. */
  /** @type {string | null} */
  editing: null,
  /** @type {Record<string, number>} */
  sidebarsSeen: {},
  lastToast: 0,
  /** @type {number | undefined} */
  toastTimer: undefined,
  /** @type {number | null} */
  shownDialog: null,
  requestsSince: 0,
  /** @type {LoggedRequest[]} */
  requests: [],
  menuKey: '',
};

// ---- server calls ----

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function api(method, path, body) {
  /** @type {RequestInit} */
  const init = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const data = await res.json();
  if (!res.ok) throw new Error(data && typeof data.error === 'string' ? data.error : `HTTP ${res.status}`);
  return data;
}

/** @param {string} text */
function showBanner(text) {
  ui.banner.textContent = text;
  ui.banner.hidden = text === '';
}

const messageOf = (/** @type {unknown} */ e) => (e instanceof Error ? e.message : String(e));

/**
 * Runs an action started by a click; a failure (the server gone, a refused request) is shown, never left uncaught.
 * @param {Promise<unknown>} action
 * @param {HTMLElement} [where]
 */
function guard(action, where = ui.editNote) {
  action.catch((e) => showNote(where, messageOf(e), true));
}

const labelOf = (/** @type {string} */ email) => state.users.find((u) => u.email === email)?.label ?? email;

// ---- acting user and sidebar ----

function renderUsers() {
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

/** @param {string} email */
function switchUser(email) {
  state.user = email;
  refreshSoon();
  loadSidebar();
  renderLiveEditors();
}

function loadSidebar() {
  ui.sidebar.hidden = false;
  ui.sidebarClosed.hidden = true;
  ui.sidebar.src = `/sidebar?as=${encodeURIComponent(state.user)}`;
}

window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin || event.source !== ui.sidebar.contentWindow) return;
  if (event.data && event.data.type === 'preview:close-sidebar') {
    ui.sidebar.hidden = true;
    ui.sidebarClosed.hidden = false;
  }
});

// ---- snapshot polling ----

async function pollState() {
  /** @type {SnapshotReply | { error: string } | null} */
  let reply = null;
  try {
    const params = new URLSearchParams({ rows: String(state.rowLimit), user: state.user });
    if (state.view) params.set('sheet', state.view);
    if (state.version) params.set('since', state.version);
    reply = await api('GET', `/preview/state?${params}`);
  } catch (e) {
    showBanner(`The preview server does not answer (${messageOf(e)}). Is npm start still running?`);
  }
  try {
    if (reply && 'error' in reply) showBanner(`${reply.error} Press “Reset demo” to start again.`);
    else if (reply) {
      showBanner('');
      if (!('unchanged' in reply)) render(reply);
    }
  } catch (e) {
    showBanner(`The page could not show the latest state: ${messageOf(e)}`);
  }
  setTimeout(pollState, STATE_POLL_MS);
}

/** Asks for a fresh snapshot soon (after an action). */
function refreshSoon() {
  state.version = '';
}

/** @param {Snapshot} snap */
function render(snap) {
  const previous = state.snapshot;
  state.snapshot = snap;
  state.version = snap.version;
  if (snap.generation !== state.generation) {
    const first = state.generation === 0;
    state.generation = snap.generation;
    state.requests = [];
    renderRequests();
    if (!first) {
      state.view = null;
      state.lastFollow = null;
      state.sidebarsSeen = {};
      loadSidebar();
      guard(loadEmulatorSettings(), ui.emulatorNote);
    }
  }
  // The add-on activated another sheet in something the person started (a load, a dry run): follow it.
  if (snap.followSheet !== state.lastFollow) {
    state.lastFollow = snap.followSheet;
    state.view = snap.followSheet;
    if (snap.grid.sheet !== snap.followSheet) refreshSoon();
  }
  renderMenu(snap);
  renderBusy();
  renderProgress(snap);
  renderLiveEditors();
  renderTriggers(snap);
  renderTabs(snap);
  if (!state.editing) renderGrid(snap.grid);
  renderDialog(snap.pendingDialog);
  renderDialogLog(snap);
  renderToasts(snap, previous === null);
  renderActivity(snap);
  // "Open sidebar" from the menu: show (reload) the sidebar of the person who opened it.
  for (const [email, count] of Object.entries(snap.sidebarsOpened)) {
    const seen = state.sidebarsSeen[email];
    state.sidebarsSeen[email] = count;
    if (previous && seen !== count && email === state.user) loadSidebar();
  }
}

/** @param {Snapshot} snap */
function renderMenu(snap) {
  const key = JSON.stringify(snap.menu);
  if (key === state.menuKey) return;
  state.menuKey = key;
  ui.menu.replaceChildren(
    ...snap.menu.map((item) => {
      const button = el('button', { text: item.caption, attrs: { type: 'button' } });
      button.addEventListener('click', () => guard(clickMenu(item.functionName, item.caption)));
      return button;
    }),
  );
}

/**
 * @param {string} functionName
 * @param {string} caption
 */
async function clickMenu(functionName, caption) {
  refreshSoon();
  /** @type {Outcome} */
  const result = await api('POST', '/preview/menu', { user: state.user, functionName });
  refreshSoon();
  if (!result.ok) showNote(ui.editNote, `“${caption}” failed: ${result.error}`, true);
}

function renderBusy() {
  const busy = state.snapshot?.busy;
  if (!busy) {
    ui.busy.textContent = 'Apps Script: idle';
    ui.busy.classList.remove('running');
    return;
  }
  const seconds = Math.max(0, Math.round((Date.now() - busy.since) / 1000));
  ui.busy.textContent = `Apps Script: running ${busy.what} as ${labelOf(busy.user)} (${seconds} s)`;
  ui.busy.classList.add('running');
}
setInterval(renderBusy, 1000);

/** @param {Snapshot} snap */
function renderProgress(snap) {
  const p = snap.progress;
  ui.progress.textContent = p
    ? `${p.kind === 'undo' ? 'Undo' : 'Bulk apply'} (${labelOf(state.user)}): ${p.done} done, ${p.failed} failed, ${p.remaining} remaining, about ${p.etaSeconds} s left`
    : '';
}

function renderLiveEditors() {
  const editors = state.snapshot?.liveEditors ?? [];
  ui.liveEditors.textContent =
    editors.length === 0
      ? 'Live editing is off for everyone.'
      : `Live editing on for: ${editors.map(labelOf).join(', ')}.`;
}

/** @param {Snapshot} snap */
function renderTriggers(snap) {
  ui.triggers.textContent =
    snap.timeTriggers.length === 0
      ? ''
      : `Scheduled: ${snap.timeTriggers
          .map((t) => `${t.handler} for ${labelOf(t.creator)}${t.dueAt === null ? '' : ` at ${clockTime(t.dueAt)}`}`)
          .join('; ')}.`;
}

/** @param {Snapshot} snap */
function renderTabs(snap) {
  const shown = snap.grid.sheet;
  ui.tabs.replaceChildren(
    ...snap.sheets.map((sheet) => {
      const tab = el('button', {
        text: sheet.name,
        className: 'tab',
        attrs: { type: 'button', role: 'tab', 'aria-selected': String(sheet.name === shown) },
      });
      tab.addEventListener('click', () => guard(openSheet(sheet.name)));
      return tab;
    }),
  );
}

/** @param {string} name */
async function openSheet(name) {
  state.view = name;
  state.editing = null;
  refreshSoon();
  // Clicking a tab makes it the active sheet, which "Refresh members" works on.
  /** @type {Outcome} */
  const result = await api('POST', '/preview/activate', { sheet: name });
  if (!result.ok) showNote(ui.editNote, result.error ?? '', true);
  refreshSoon();
}

// ---- the grid ----

/** @param {number} n */
function columnLetter(n) {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** @param {Grid} grid */
function renderGrid(grid) {
  const hidden = new Set(grid.hiddenColumns);
  /** @type {number[]} */
  const columns = [];
  for (let c = 1; c <= grid.columns; c++) if (ui.showHidden.checked || !hidden.has(c)) columns.push(c);
  const headerRow = grid.rows.find((r) => r.n === 1);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.cell : undefined;

  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { className: 'corner', attrs: { scope: 'col', 'aria-label': 'Row' } }),
      ...columns.map((c) =>
        el('th', {
          text: hidden.has(c) ? `${columnLetter(c)} (hidden)` : columnLetter(c),
          className: hidden.has(c) ? 'hidden-col' : '',
          attrs: { scope: 'col' },
        }),
      ),
    ),
  );
  const body = el(
    'tbody',
    {},
    ...grid.rows.map((row) =>
      el(
        'tr',
        { className: row.n <= grid.frozenRows ? 'frozen' : '' },
        el('th', { text: String(row.n), attrs: { scope: 'row' } }),
        ...columns.map((c) => cell(grid, row, c, hidden.has(c), headerRow?.values[c - 1] ?? '')),
      ),
    ),
  );
  ui.grid.setAttribute('aria-label', `Sheet ${grid.sheet}`);
  ui.grid.replaceChildren(head, body);
  if (grid.rows.length === 0) ui.gridNote.textContent = 'This sheet is empty.';
  else if (grid.totalRows > grid.rows.length) {
    ui.gridNote.textContent = `Showing the first ${grid.rows.length} of ${grid.totalRows} rows. `;
    const more = el('button', { text: 'Show all rows', attrs: { type: 'button' } });
    more.addEventListener('click', () => {
      state.rowLimit = Math.max(state.rowLimit, grid.totalRows);
      refreshSoon();
    });
    ui.gridNote.append(more);
  } else ui.gridNote.textContent = '';
  if (focused) {
    const again = ui.grid.querySelector(`[data-cell="${CSS.escape(focused)}"]`);
    if (again instanceof HTMLElement) again.focus();
  }
}

/**
 * @param {Grid} grid
 * @param {GridRow} row
 * @param {number} col
 * @param {boolean} isHidden
 * @param {string} header
 */
function cell(grid, row, col, isHidden, header) {
  const value = row.values[col - 1] ?? '';
  const a1 = `${columnLetter(col)}${row.n}`;
  const td = el('td', { className: isHidden ? 'hidden-col' : '' });
  const listIndex = row.lists?.[col];
  const options = listIndex === undefined ? undefined : grid.lists[listIndex];
  if (options && row.n > grid.frozenRows) {
    td.className += ' dropdown';
    td.append(dropdown(grid.sheet, a1, `${header || 'Cell'} (${a1})`, value, options));
  } else {
    td.textContent = value;
    if (value.length > 24) td.title = value;
    // Long visible text (a Status reason) wraps; hidden key columns stay on one line.
    if (value.length > 30 && !isHidden) td.classList.add('wrap');
  }
  return td;
}

/**
 * A Role cell: a dropdown of the rule's options (committing like Sheets' chip), plus "Type another value…" for free
 * text, since a person can type anything into a cell with allowInvalid validation.
 * @param {string} sheet
 * @param {string} a1
 * @param {string} label
 * @param {string} value
 * @param {string[]} options
 */
function dropdown(sheet, a1, label, value, options) {
  const select = el('select', { attrs: { 'aria-label': label, 'data-cell': a1 } });
  const choices = [...options];
  if (!choices.includes(value)) choices.unshift(value);
  for (const choice of choices) {
    const option = el('option', { text: choice === '' ? '(empty)' : choice });
    option.value = choice;
    select.append(option);
  }
  const other = el('option', { text: 'Type another value…' });
  other.value = OTHER;
  select.append(other);
  select.value = value;
  select.addEventListener('change', () => {
    if (select.value === OTHER) {
      state.editing = a1;
      const box = el('input', { attrs: { 'aria-label': label, 'data-cell': a1, autocomplete: 'off' } });
      box.value = value;
      let done = false;
      const finish = (/** @type {boolean} */ save) => {
        if (done) return;
        done = true;
        state.editing = null;
        if (save && box.value !== value) guard(typeInto(sheet, a1, box.value));
        else refreshSoon();
      };
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') finish(true);
        if (event.key === 'Escape') finish(false);
      });
      box.addEventListener('blur', () => finish(true));
      select.replaceWith(box);
      box.focus();
      box.select();
      return;
    }
    guard(typeInto(sheet, a1, select.value));
  });
  return select;
}

/**
 * A person typing into a cell: the edit triggers of everyone with live editing on fire, as in Sheets.
 * @param {string} sheet
 * @param {string} a1
 * @param {string} value
 */
async function typeInto(sheet, a1, value) {
  showNote(ui.editNote, `${labelOf(state.user)} typed “${value}” in ${a1}…`);
  refreshSoon();
  /** @type {Outcome} */
  const result = await api('POST', '/preview/edit', { user: state.user, sheet, a1, value });
  refreshSoon();
  if (!result.ok) return showNote(ui.editNote, `Edit failed: ${result.error}`, true);
  const reply = /** @type {EditReply} */ (result.value);
  if (!reply.accepted) return showNote(ui.editNote, `Sheets refused the edit: ${reply.rejection}`, true);
  if (reply.errors.length > 0) return showNote(ui.editNote, `An edit trigger failed: ${reply.errors.join('; ')}`, true);
  showNote(ui.editNote, `${labelOf(state.user)} typed “${value}” in ${a1}.`);
}

/**
 * @param {HTMLElement} target
 * @param {string} text
 * @param {boolean} [isError]
 */
function showNote(target, text, isError = false) {
  target.textContent = text;
  target.classList.toggle('error', isError);
}

// ---- dialogs and toasts ----

/** @param {PendingDialog | null} pending */
function renderDialog(pending) {
  if (!pending) {
    if (ui.dialog.open) ui.dialog.close();
    state.shownDialog = null;
    return;
  }
  if (state.shownDialog === pending.id && ui.dialog.open) return;
  state.shownDialog = pending.id;
  ui.dialogTitle.textContent = pending.title || 'Chat space roles';
  ui.dialogText.textContent = pending.prompt;
  ui.dialogWho.textContent = `Shown to ${labelOf(pending.user)} (${pending.user}). The script waits for an answer.`;
  ui.dialogButtons.replaceChildren(
    ...pending.choices.map((choice) => {
      const button = el('button', { text: BUTTON_LABELS[choice] ?? choice, attrs: { type: 'button' } });
      button.addEventListener('click', () => guard(answer(pending.id, choice)));
      return button;
    }),
  );
  if (!ui.dialog.open) ui.dialog.showModal();
}

/**
 * @param {number} id
 * @param {string} button
 */
async function answer(id, button) {
  if (ui.dialog.open) ui.dialog.close();
  refreshSoon();
  await api('POST', '/preview/dialog', { id, button });
  refreshSoon();
}

// Escape (or the browser closing the dialog) is the dialog's close box: Apps Script answers CLOSE.
ui.dialog.addEventListener('cancel', (event) => {
  event.preventDefault();
  if (state.shownDialog !== null) guard(answer(state.shownDialog, 'CLOSE'));
});

/** @param {Snapshot} snap */
function renderDialogLog(snap) {
  ui.dialogLog.replaceChildren(
    ...snap.dialogs.map((d) =>
      el(
        'li',
        {},
        el('strong', { text: d.title || '(no title)' }),
        el('span', { className: 'dialog-text', text: d.prompt }),
        el('span', { className: 'muted', text: `${labelOf(d.user)} answered ${BUTTON_LABELS[d.button] ?? d.button}` }),
      ),
    ),
  );
  if (snap.dialogs.length === 0) ui.dialogLog.append(el('li', { className: 'muted', text: 'No dialog yet.' }));
}

/**
 * @param {Snapshot} snap
 * @param {boolean} first
 */
function renderToasts(snap, first) {
  ui.toastLog.replaceChildren(
    ...snap.toasts.map((t) => el('li', {}, el('strong', { text: t.title }), document.createTextNode(` ${t.message}`))),
  );
  if (snap.toasts.length === 0) ui.toastLog.append(el('li', { className: 'muted', text: 'No toast yet.' }));
  // A new toast pops up over the sheet for a few seconds, as in Sheets (not the ones there before the page loaded).
  const latest = snap.toasts[0];
  const seen = state.lastToast;
  state.lastToast = latest?.seq ?? 0;
  if (!latest || latest.seq <= seen || first) return;
  ui.toast.replaceChildren(el('strong', { text: latest.title }), el('span', { text: latest.message }));
  ui.toast.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = window.setTimeout(() => {
    ui.toast.hidden = true;
  }, 5000);
}

/** @param {Snapshot} snap */
function renderActivity(snap) {
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

/** @param {number | string} time */
function clockTime(time) {
  const d = new Date(time);
  const pad = (/** @type {number} */ n, size = 2) => String(n).padStart(size, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

// ---- Chat API emulator: request log and settings ----

async function pollRequests() {
  try {
    /** @type {{ requests: LoggedRequest[] }} */
    const reply = await api('GET', `/preview/requests?since=${state.requestsSince}`);
    if (reply.requests.length > 0) {
      const last = reply.requests[reply.requests.length - 1];
      if (last) state.requestsSince = last.seq;
      state.requests = [...reply.requests.slice().reverse(), ...state.requests].slice(0, REQUESTS_KEPT);
      renderRequests();
    }
  } catch {
    // The state poll shows the banner.
  }
  setTimeout(pollRequests, REQUEST_POLL_MS);
}

function renderRequests() {
  const body = ui.requests.tBodies[0];
  if (!body) return;
  body.replaceChildren(
    ...state.requests.map((r) => {
      const query = new URLSearchParams(r.query).toString();
      return el(
        'tr',
        { className: r.status >= 400 ? 'failed' : '' },
        el('td', { text: String(r.seq) }),
        el('td', { text: clockTime(r.time) }),
        el('td', { text: r.method }),
        el('td', { text: query ? `${r.path}?${query}` : r.path, className: 'path' }),
        el('td', { text: r.principal ?? '' }),
        el('td', { text: String(r.status) }),
        el('td', { text: String(r.durationMs) }),
        el('td', { text: r.fault ?? '' }),
      );
    }),
  );
  if (state.requests.length === 0)
    body.append(el('tr', {}, el('td', { text: 'No Chat API request yet.', attrs: { colspan: '8' } })));
}

async function loadEmulatorSettings() {
  /** @type {{ ok: boolean, value: EmulatorSettings }} */
  const reply = await api('GET', '/preview/emulator-config');
  const config = reply.value;
  ui.latency.value = String(config.latencyMs);
  ui.faultRate.value = String(Math.round(config.faults.rate * 1000) / 10);
  ui.faultStatuses.value = config.faults.statuses.join(', ');
  ui.faultSeed.value = String(config.faults.seed);
  ui.faultMode.value = config.faults.mode;
  ui.speed.value = String(config.timeScale);
}

ui.emulatorForm.addEventListener('submit', (event) => {
  event.preventDefault();
  guard(
    (async () => {
      const statuses = ui.faultStatuses.value
        .split(/[\s,]+/)
        .filter((s) => s !== '')
        .map(Number);
      /** @type {Outcome} */
      const result = await api('POST', '/preview/emulator-config', {
        latencyMs: Number(ui.latency.value || 0),
        faults: {
          rate: Number(ui.faultRate.value || 0) / 100,
          statuses,
          seed: Number(ui.faultSeed.value || 0),
          mode: ui.faultMode.value,
        },
      });
      showNote(ui.emulatorNote, result.ok ? 'Emulator settings applied.' : `Not applied: ${result.error}`, !result.ok);
    })(),
    ui.emulatorNote,
  );
});

ui.clearLog.addEventListener('click', () => {
  guard(
    api('DELETE', '/preview/requests').then(() => {
      state.requests = [];
      renderRequests();
    }),
    ui.emulatorNote,
  );
});

// ---- header controls ----

ui.speed.addEventListener('change', () => {
  guard(api('POST', '/preview/speed', { factor: Number(ui.speed.value) }).then(refreshSoon));
});

ui.reset.addEventListener('click', () => {
  ui.reset.disabled = true;
  showNote(ui.editNote, 'Resetting the demo…');
  void api('POST', '/preview/reset')
    .then(() => {
      state.view = null;
      state.lastFollow = null;
      showNote(ui.editNote, 'The demo was reset: fresh spreadsheet, demo seed, default emulator settings.');
    })
    .catch((e) => showNote(ui.editNote, `Reset failed: ${messageOf(e)}`, true))
    .finally(() => {
      ui.reset.disabled = false;
      refreshSoon();
    });
});

ui.showHidden.addEventListener('change', () => {
  if (state.snapshot) renderGrid(state.snapshot.grid);
});

ui.typeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const a1 = ui.typeCell.value.trim().toUpperCase();
  const sheet = state.snapshot?.grid.sheet;
  if (!/^[A-Z]{1,3}[1-9]\d*$/.test(a1) || !sheet) return showNote(ui.editNote, 'Give a cell like B4.', true);
  guard(typeInto(sheet, a1, ui.typeValue.value));
});

// ---- start ----

async function start() {
  /** @type {{ users: PreviewUser[], defaultUser: string, speeds: number[] }} */
  const config = await api('GET', '/preview/config');
  state.users = config.users;
  state.user = config.defaultUser;
  ui.speed.replaceChildren(
    ...config.speeds.map((s) => {
      const option = el('option', { text: s === 1 ? '1× (real time)' : `${s}×` });
      option.value = String(s);
      return option;
    }),
  );
  renderUsers();
  loadSidebar();
  renderRequests();
  await loadEmulatorSettings();
  void pollState();
  void pollRequests();
}

start().catch((e) => showBanner(`The preview could not start: ${messageOf(e)}. Reload the page to try again.`));
