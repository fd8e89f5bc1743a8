/**
 * The Apps Script thread of the preview: dist/Code.js on the gas-fakes, as the people of the demo seed, against the
 * threaded Chat API emulator. Bundled by esbuild and run in a worker (gas-thread.ts), because the add-on's code
 * blocks its thread on every UrlFetchApp call and sleep, and the preview server must stay responsive meanwhile.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createGasEnvironment, type LoadedBundle, loadBundle } from '../gas-fakes';
import { type DialogHost, PersonDialogs } from './dialogs';
import { readGrid, sheetTabs } from './grid';
import { PreviewClock, type Waiter } from './preview-clock';
import type { ActivityEntry, EditReply, RunProgress, Snapshot, SnapshotReply } from './protocol';
import type { Command, Envelope, Peek, Reply, WorkerInit, WorkerStatus } from './thread-protocol';
import { DEFAULT_USER, PREVIEW_USERS } from './users';

const ACTIVITY_KEPT = 60;
/** Sidebar calls not worth a line in the activity log (the sidebar polls them). */
const QUIET_CALLS = new Set(['getBulkProgress']);

function messageOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
  return String(e);
}

/** Values cross to the main thread as JSON (what google.script.run would deliver). */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return String(value);
  }
}

function brief(value: unknown): string {
  const text = value === undefined ? '' : JSON.stringify(plain(value));
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** Answers peeks from the main thread: from the event loop when idle, from inside sleeps and dialogs when busy. */
class PeekServer implements Waiter, DialogHost {
  private serving = false;

  constructor(
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
    private readonly handle: (peek: Peek) => unknown,
  ) {
    port.on('message', (message: Envelope<Peek>) => this.reply(message));
  }

  waitUntil(untilReal: number): void {
    this.wait(untilReal, () => false);
  }

  waitFor(done: () => boolean): void {
    this.wait(Number.POSITIVE_INFINITY, done);
  }

  private wait(untilReal: number, done: () => boolean): void {
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const served = this.drain();
      if (done()) return;
      const left = untilReal - performance.now();
      if (left <= 0) return;
      if (served) continue;
      Atomics.wait(this.signal, 0, seen, Math.min(left, 60_000));
    }
  }

  /** Answers every queued peek; not re-entrant (a peek that sleeps just sleeps). */
  private drain(): boolean {
    if (this.serving) return false;
    this.serving = true;
    let any = false;
    try {
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        any = true;
        this.reply(m.message as Envelope<Peek>);
      }
    } finally {
      this.serving = false;
    }
    return any;
  }

  private reply(message: Envelope<Peek>): void {
    let reply: Reply;
    const wasServing = this.serving;
    this.serving = true;
    try {
      reply = { id: message.id, ok: true, value: this.handle(message.body) };
    } catch (e) {
      reply = { id: message.id, ok: false, error: messageOf(e) };
    } finally {
      this.serving = wasServing;
    }
    this.port.postMessage(reply);
  }
}

class AppsScriptThread {
  private readonly clock = new PreviewClock();
  private readonly peeks: PeekServer;
  private readonly dialogs: PersonDialogs;
  private readonly env: ReturnType<typeof createGasEnvironment>;
  private readonly bundle: LoadedBundle;
  private readonly activity: ActivityEntry[] = [];
  private activitySeq = 0;
  private triggerRunsSeen = 0;
  private busy: Snapshot['busy'] = null;
  private follow: string | null = null;
  private readonly progress = new Map<string, { at: number; seq: number; value: RunProgress | null }>();

  constructor(private readonly init: WorkerInit) {
    this.clock.setSpeed(init.speed);
    this.peeks = new PeekServer(init.peekPort as MessagePort, new Int32Array(init.signal), (peek) => this.peek(peek));
    this.clock.waiter = this.peeks;
    this.dialogs = new PersonDialogs(this.peeks);
    this.env = createGasEnvironment({
      users: PREVIEW_USERS.map(({ email, token }) => ({ email, token })),
      activeUser: DEFAULT_USER,
      dist: init.dist,
      chatBaseUrl: init.chatBaseUrl,
      // The emulator also answers for Google's token endpoint (Chat app), People API and Admin SDK Directory (names).
      urlRewrites: {
        'https://oauth2.googleapis.com': init.chatBaseUrl,
        'https://people.googleapis.com': init.chatBaseUrl,
        'https://admin.googleapis.com': init.chatBaseUrl,
      },
      clock: this.clock,
      // Not UTC, so that a time written in the script's zone or in UTC instead of the spreadsheet's would show.
      spreadsheet: { name: 'Chat space roles (local preview)', timeZone: 'Asia/Taipei' },
    });
    this.dialogs.install(this.env, DEFAULT_USER);
    this.bundle = loadBundle(join(init.dist, 'Code.js'), this.env);
    this.perform('onOpen (simple trigger)', DEFAULT_USER, () =>
      this.env.sim.as(DEFAULT_USER, () => this.bundle.simpleTrigger('onOpen')),
    );
  }

  command(command: Command): unknown {
    try {
      return this.execute(command);
    } finally {
      if (command.type !== 'edit') this.follow = this.env.spreadsheet.getActiveSheet().getName();
    }
  }

  private execute(command: Command): unknown {
    switch (command.type) {
      case 'run': {
        const { user, name, args } = command;
        const call = () => plain(this.env.sim.as(user, () => this.bundle.run(name, ...args)));
        return QUIET_CALLS.has(name) ? call() : this.perform(`google.script.run.${name}`, user, call);
      }
      case 'menu': {
        const item = this.env.sim.ui.menuItems().find((m) => m.functionName === command.functionName);
        if (!item) throw new Error(`no menu item runs ${command.functionName}`);
        return this.perform(`menu: ${item.caption}`, command.user, () =>
          plain(this.env.sim.as(command.user, () => this.bundle.clickMenu(item.path))),
        );
      }
      case 'edit': {
        const { user, sheet, a1, value } = command;
        return this.perform(`typed ${JSON.stringify(value)} in '${sheet}'!${a1}`, user, (): EditReply => {
          const result = this.env.sim.userEdit(user, sheet, a1, value, { throwOnError: false });
          return {
            accepted: result.accepted,
            rejection: result.rejection,
            errors: result.runs.filter((r) => r.error !== null).map((r) => messageOf(r.error)),
          };
        });
      }
      case 'locale': {
        for (const { email } of PREVIEW_USERS) this.env.sim.setUserLocale(email, command.locale);
        // The menu is built in the language of whoever opens the spreadsheet, as in Sheets.
        this.env.sim.as(DEFAULT_USER, () => this.bundle.simpleTrigger('onOpen'));
        return null;
      }
      case 'activate': {
        const sheet = this.env.spreadsheet.getSheetByName(command.sheet);
        if (!sheet) throw new Error(`no sheet named ${command.sheet}`);
        sheet.activate();
        return null;
      }
    }
  }

  /** Runs the one-off clock triggers that are due (bulk apply continuations), each as its creator. */
  fireDueTriggers(): void {
    const now = this.clock.now();
    const due = this.env.sim
      .triggers()
      .filter((t) => t.eventType === 'CLOCK' && !t.fired && t.dueAt !== null && t.dueAt <= now);
    const first = due[0];
    if (!first) return;
    this.perform(`${first.handler} (time trigger)`, first.creator, () => {
      this.env.sim.fireTimeTriggers();
    });
  }

  private peek(peek: Peek): unknown {
    switch (peek.type) {
      case 'snapshot':
        return this.snapshot(peek.user, peek.sheet, peek.since, peek.rowLimit);
      case 'progress':
        return plain(this.env.sim.as(peek.user, () => this.bundle.run('getBulkProgress')));
      case 'answer':
        return this.dialogs.answerWith(peek.id, peek.button);
      case 'speed':
        this.clock.setSpeed(peek.factor);
        return this.clock.speed;
    }
  }

  private perform<T>(what: string, user: string, fn: () => T): T {
    const at = Date.now();
    const started = performance.now();
    this.busy = { what, user, since: at };
    let ok = false;
    let detail = '';
    try {
      const value = fn();
      ok = true;
      detail = brief(value);
      return value;
    } catch (e) {
      detail = messageOf(e);
      throw e;
    } finally {
      this.busy = null;
      this.log({ what, user, at, durationMs: Math.round(performance.now() - started), ok, detail });
      this.logTriggerRuns();
    }
  }

  private log(entry: Omit<ActivityEntry, 'seq'>): void {
    this.activity.unshift({ seq: ++this.activitySeq, ...entry });
    this.activity.length = Math.min(this.activity.length, ACTIVITY_KEPT);
  }

  /** Installable triggers that ran (edit triggers inside a typed edit, clock triggers) get a line each. */
  private logTriggerRuns(): void {
    const runs = this.env.sim.triggerRuns;
    for (const run of runs.slice(this.triggerRunsSeen)) {
      const kind =
        run.kind === 'time-trigger'
          ? 'time trigger'
          : run.kind === 'simple-trigger'
            ? 'simple trigger'
            : 'edit trigger';
      this.log({
        what: `${run.handler} (${kind}, runs as ${run.effectiveUser})`,
        user: run.activeUser ?? run.effectiveUser,
        at: Date.now(),
        durationMs: -1,
        ok: run.error === null,
        detail: run.error === null ? '' : messageOf(run.error),
      });
    }
    this.triggerRunsSeen = runs.length;
  }

  /**
   * The person's bulk run progress, asked of the add-on itself: again only after something ran, and while an
   * execution is running at most once a second.
   */
  private progressOf(user: string): RunProgress | null {
    const cached = this.progress.get(user);
    const stale = !cached || cached.seq !== this.activitySeq || (this.busy && performance.now() - cached.at >= 1000);
    if (cached && !stale) return cached.value;
    let value: RunProgress | null = null;
    try {
      const reading = plain(this.env.sim.as(user, () => this.bundle.run('getBulkProgress'))) as {
        open: RunProgress | null;
      };
      value = reading.open;
    } catch {
      // Progress is a nicety: a failure here shows as no progress.
    }
    const kept = value && {
      kind: value.kind,
      done: value.done,
      failed: value.failed,
      remaining: value.remaining,
      etaSeconds: value.etaSeconds,
    };
    this.progress.set(user, { at: performance.now(), seq: this.activitySeq, value: kept });
    return kept;
  }

  private snapshot(
    user: string,
    sheet: string | undefined,
    since: string | undefined,
    rowLimit: number,
  ): SnapshotReply {
    const env = this.env;
    const ui = env.sim.ui;
    const triggers = env.sim.triggers();
    const sidebarsOpened: Record<string, number> = {};
    for (const shown of ui.sidebars) sidebarsOpened[shown.user] = (sidebarsOpened[shown.user] ?? 0) + 1;
    const body: Omit<Snapshot, 'version'> = {
      sheets: sheetTabs(env),
      activeSheet: env.spreadsheet.getActiveSheet().getName(),
      followSheet: this.follow ?? env.spreadsheet.getActiveSheet().getName(),
      grid: readGrid(env, sheet ?? this.follow ?? undefined, rowLimit),
      menu: ui.menuItems().map(({ caption, functionName }) => ({ caption, functionName })),
      liveEditors: [...new Set(triggers.filter((t) => t.eventType === 'ON_EDIT').map((t) => t.creator))].sort(),
      sidebarsOpened,
      pendingDialog: this.dialogs.pending,
      dialogs: ui.dialogs
        .slice(-20)
        .reverse()
        .map(({ kind, title, prompt, buttons, button, user }) => ({ kind, title, prompt, buttons, button, user })),
      toasts: ui.toasts
        .map((t, i) => ({ seq: i + 1, title: t.title, message: t.message }))
        .slice(-10)
        .reverse(),
      activity: this.activity,
      timeTriggers: triggers
        .filter((t) => t.eventType === 'CLOCK' && !t.fired)
        .map((t) => ({ handler: t.handler, creator: t.creator, dueAt: t.dueAt })),
      progress: this.progressOf(user),
      busy: this.busy,
      speed: this.clock.speed,
      generation: this.init.generation,
    };
    const version = createHash('sha1').update(JSON.stringify(body)).digest('hex').slice(0, 16);
    return since === version ? { unchanged: true, version } : { ...body, version };
  }
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('gas-worker must run in a worker thread');
  let thread: AppsScriptThread;
  try {
    thread = new AppsScriptThread(workerData as WorkerInit);
  } catch (e) {
    port.postMessage({
      type: 'failed',
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } as WorkerStatus);
    return;
  }
  port.on('message', (message: Envelope<Command>) => {
    let reply: Reply;
    try {
      reply = { id: message.id, ok: true, value: thread.command(message.body) };
    } catch (e) {
      reply = { id: message.id, ok: false, error: messageOf(e) };
    }
    port.postMessage(reply);
  });
  // Due continuation triggers run between commands, never during one (one execution at a time).
  setInterval(() => {
    try {
      thread.fireDueTriggers();
    } catch {
      // Logged in the activity list by perform(); the next tick tries again.
    }
  }, 1000);
  port.postMessage({ type: 'ready' } as WorkerStatus);
}

main();
