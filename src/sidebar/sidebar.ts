/**
 * The sidebar: pick a space, load its members into a sheet, switch live editing. Every text from the server
 * (space names come from other people) is set with textContent, never as HTML.
 */

import type { SpaceSummary } from '../domain/chat-types';
import { userMessage } from '../domain/errors';
import { t, translatePage } from './i18n';
import { wireLiveEditing } from './live-editing';
import { watchProgress } from './progress-watch';
import { callServer } from './server-client';
import { wireSetupCheck } from './setup-check';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const list = $<HTMLUListElement>('spaces');
const listCount = $<HTMLParagraphElement>('list-count');
const filter = $<HTMLInputElement>('filter');
const loadButton = $<HTMLButtonElement>('load');
const reloadButton = $<HTMLButtonElement>('reload');
const live = $<HTMLInputElement>('live');
const status = $<HTMLDivElement>('status');
const who = $<HTMLParagraphElement>('who');
const authNotes = $<HTMLParagraphElement>('auth-notes');
const previewButton = $<HTMLButtonElement>('preview');
const applyButton = $<HTMLButtonElement>('apply');
const progress = $<HTMLDivElement>('progress');
const iamAdmin = $<HTMLInputElement>('iam-admin');
const adminSwitch = $<HTMLLabelElement>('admin-switch');
const admin = $<HTMLInputElement>('admin');
const listLabel = $<HTMLLabelElement>('list-label');
const appStatus = $<HTMLParagraphElement>('app-status');
const appKey = $<HTMLTextAreaElement>('app-key');
const appSave = $<HTMLButtonElement>('app-save');
const appRemove = $<HTMLButtonElement>('app-remove');
const appSwitch = $<HTMLLabelElement>('app-switch');
const useApp = $<HTMLInputElement>('use-app');

function showAppStatus(status: { configured: boolean; clientEmail: string }): void {
  appStatus.textContent = status.configured ? t().keyStored(status.clientEmail) : t().noKey;
  appRemove.hidden = !status.configured;
  appSwitch.hidden = !status.configured;
  if (!status.configured) useApp.checked = false;
}

let spaces: SpaceSummary[] = [];
let selected: string | undefined;

function say(text: string, isError = false): void {
  status.textContent = text;
  status.className = isError ? 'error' : '';
  // The sidebar is 300 px wide and long: an error is brought into view, wherever the person had scrolled to.
  if (isError) status.scrollIntoView({ block: 'nearest' });
}

const messageOf = userMessage;
/** A server error that already says what could not be done ("Could not list the members: …") is not wrapped again. */
const inContext = (wrap: (reason: string) => string, e: unknown) =>
  messageOf(e).startsWith(t().couldNotPrefix) ? messageOf(e) : wrap(messageOf(e));

function render(): void {
  const needle = filter.value.trim().toLowerCase();
  // In admin mode the server already searched by name; locally, filter the person's own list.
  const shown = admin.checked ? spaces : spaces.filter((s) => s.displayName.toLowerCase().includes(needle));
  list.replaceChildren(
    ...shown.map((space) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('aria-pressed', String(space.name === selected));
      const name = document.createElement('span');
      name.textContent = space.displayName;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = t().memberCount(space.memberCount);
      button.append(name, count);
      // Marked in place, not re-rendered: the button chosen (with Enter, say) keeps the focus.
      button.addEventListener('click', () => {
        selected = space.name;
        loadButton.disabled = false;
        for (const other of list.querySelectorAll('button'))
          other.setAttribute('aria-pressed', String(other === button));
      });
      item.append(button);
      return item;
    }),
  );
  // The count sits by the list and follows it (a filter, a reload, admin mode), never left in the status line.
  listCount.textContent =
    spaces.length === 0
      ? ''
      : shown.length === 0
        ? t().noMatch
        : shown.length === spaces.length
          ? t().spaceCount(spaces.length)
          : t().spaceCountFiltered(shown.length, spaces.length);
}

async function loadSpaces(): Promise<void> {
  list.setAttribute('aria-busy', 'true');
  listCount.textContent = admin.checked ? t().searchingOrg : t().loadingSpaces;
  selected = undefined;
  loadButton.disabled = true;
  try {
    spaces = await callServer('listSpaces', { admin: admin.checked, query: admin.checked ? filter.value.trim() : '' });
    filter.disabled = false;
    render();
    if (spaces.length === 0) listCount.textContent = t().noSpaces;
  } catch (e) {
    // No list is better than the previous one under a heading it does not belong to (a failed admin search).
    spaces = [];
    list.replaceChildren();
    listCount.textContent = '';
    say(inContext(t().couldNotList, e), true);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

async function loadMembers(): Promise<void> {
  if (!selected) return;
  const space = spaces.find((s) => s.name === selected);
  loadButton.disabled = true;
  say(t().loadingMembers(space?.displayName ?? selected));
  try {
    const result = await callServer('loadSpace', selected, {
      admin: admin.checked,
      app: useApp.checked,
      ...(space ? { title: space.displayName } : {}),
    });
    say(t().loaded(result.joined, result.invited, result.apps, result.sheetName));
  } catch (e) {
    say(inContext(t().couldNotLoad, e), true);
  } finally {
    loadButton.disabled = false;
  }
}

/** The run's progress line: a new run clears the status line, whose news (a load, a past result) is older. */
const watch = watchProgress(progress, () => say(''), messageOf);

/**
 * An action's result line: a text, or a text and whether it reports a failure (shown in red), and the run it
 * finished (its outcome is then this line: the progress line does not tell it again).
 */
type ActionResult = string | [text: string, isError: boolean, finishedRun?: string | undefined];

async function runAction(button: HTMLButtonElement, action: () => Promise<ActionResult>): Promise<void> {
  button.disabled = true;
  watch.actionStarted();
  let finishedRun: string | undefined;
  try {
    const result = await action();
    if (typeof result === 'string') say(result);
    else {
      say(result[0], result[1]);
      finishedRun = result[2];
    }
  } catch (e) {
    say(messageOf(e), true);
  } finally {
    button.disabled = false;
    watch.actionEnded(finishedRun);
  }
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

/** The Chat app key: saved (and never left on screen) or removed. */
function wireAppKey(): void {
  appSave.addEventListener('click', async () => {
    appSave.disabled = true;
    try {
      showAppStatus(await callServer('saveAppKey', appKey.value));
      say(t().keySaved);
    } catch (e) {
      say(messageOf(e), true);
    } finally {
      // The key never stays on screen, saved or not.
      appKey.value = '';
      appSave.disabled = false;
    }
  });
  appRemove.addEventListener('click', async () => {
    try {
      showAppStatus(await callServer('removeAppKey'));
      say(t().keyRemoved);
    } catch (e) {
      say(messageOf(e), true);
    }
  });
}

/** Admin mode and the Chat app are exclusive; the space list follows the access chosen. */
function wireAccessSwitches(): void {
  useApp.addEventListener('change', () => {
    if (useApp.checked && admin.checked) {
      admin.checked = false;
      admin.dispatchEvent(new Event('change'));
    }
  });
  iamAdmin.addEventListener('change', () => {
    adminSwitch.hidden = !iamAdmin.checked;
    if (!iamAdmin.checked && admin.checked) {
      admin.checked = false;
      admin.dispatchEvent(new Event('change'));
    }
  });
  admin.addEventListener('change', () => {
    if (admin.checked) useApp.checked = false;
    listLabel.textContent = admin.checked ? t().orgSpaces : t().yourSpaces;
    filter.placeholder = admin.checked ? t().searchPlaceholder : t().filterPlaceholder;
    void loadSpaces();
  });
  // Admins search the organisation's spaces on the server (debounced); everyone else filters the list in place.
  filter.addEventListener('input', () => {
    if (!admin.checked) {
      render();
      return;
    }
    if (searchTimer) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void loadSpaces(), 400);
  });
}

/** Dry run, Apply, Load, Reload, Check setup. */
function wireActions(): void {
  previewButton.addEventListener(
    'click',
    () =>
      void runAction(previewButton, async () => {
        const r = await callServer('previewPendingChanges');
        return r ? t().previewDone(r.changes, r.refused, r.sheetName) : '';
      }),
  );
  applyButton.addEventListener(
    'click',
    () =>
      void runAction(applyButton, async () => {
        const r = await callServer('applyPendingChanges');
        if (!r?.confirmed) return t().nothingApplied;
        const rep = r.report;
        if (!rep) return '';
        const text = rep.finished
          ? t().applied(rep.applied, rep.failed, r.refused)
          : t().appliedContinuing(rep.applied, rep.failed, r.refused, rep.pending);
        return [text, rep.failed > 0, rep.finished ? rep.runId : undefined];
      }),
  );
  wireSetupCheck(
    $<HTMLButtonElement>('check-setup'),
    $<HTMLUListElement>('setup-checks'),
    () => admin.checked,
    messageOf,
  );
  loadButton.addEventListener('click', () => void loadMembers());
  reloadButton.addEventListener('click', () => void loadSpaces());
}

async function start(): Promise<void> {
  wireAppKey();
  wireAccessSwitches();
  wireActions();
  wireLiveEditing(live, say, messageOf);
  try {
    const state = await callServer('getSidebarState');
    translatePage(state.language);
    showAppStatus(await callServer('getAppKeyStatus'));
    who.textContent = t().signedInAs(state.email);
    live.checked = state.liveEditing;
    live.disabled = false;
    // Said plainly and kept on screen: live editing that looks on but cannot fire is worse than none.
    authNotes.textContent = state.authorization.notes.join(' ');
    authNotes.hidden = state.authorization.notes.length === 0;
  } catch (e) {
    say(messageOf(e), true);
  }
  await loadSpaces();
  void watch.check();
}

void start();
