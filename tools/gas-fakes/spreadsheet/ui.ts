/**
 * Ui for the spreadsheet: menus, alerts/prompts answered from a queue the test scripts, sidebars and dialogs
 * recorded. A dialog pauses the script, and Apps Script releases the execution's locks meanwhile.
 */

import { GasError } from '../errors';
import { asApi, enumName, enumValue, type FakeSpec, gasEnum } from '../fake';
import { FakeHtmlOutput } from '../html';
import type { Runtime } from '../runtime';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;

export const ButtonEnum = gasEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSetEnum = gasEnum<typeof GoogleAppsScript.Base.ButtonSet>([
  'OK',
  'OK_CANCEL',
  'YES_NO',
  'YES_NO_CANCEL',
]);

const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; entries: MenuEntry[] };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface DialogRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
  button: string;
  text: string | null;
  user: string;
}

export interface ShownHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  user: string;
}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export interface ScriptedAnswer {
  kind: 'alert' | 'prompt';
  button: string;
  text: string;
  /** What happens while the dialog is open (other people keep editing: a dialog pauses only this script). */
  whileOpen?: () => void;
}

/** Everything the Ui showed, and the answers the test queued for dialogs. */
export class UiLog {
  readonly menus: MenuRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  readonly shown: ShownHtml[] = [];
  readonly toasts: ToastRecord[] = [];
  readonly answers: ScriptedAnswer[] = [];

  /** Queue the button the person clicks in the next alert. */
  answerAlert(button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE', options?: { whileOpen?: () => void }): void {
    this.answers.push({
      kind: 'alert',
      button,
      text: '',
      ...(options?.whileOpen ? { whileOpen: options.whileOpen } : {}),
    });
  }

  /** Queue what the person types and clicks in the next prompt. */
  answerPrompt(text: string, button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE' = 'OK'): void {
    this.answers.push({ kind: 'prompt', button, text });
  }

  get sidebars(): ShownHtml[] {
    return this.shown.filter((s) => s.kind === 'sidebar');
  }

  /** Every clickable menu item, with its path ("Chat roles > Refresh"). */
  menuItems(): Array<{ path: string; caption: string; functionName: string }> {
    const out: Array<{ path: string; caption: string; functionName: string }> = [];
    const walk = (entries: MenuEntry[], path: string) => {
      for (const e of entries) {
        if (e.type === 'item')
          out.push({ path: `${path} > ${e.caption}`, caption: e.caption, functionName: e.functionName });
        if (e.type === 'submenu') walk(e.entries, `${path} > ${e.caption}`);
      }
    };
    for (const m of this.menus) walk(m.entries, m.caption);
    return out;
  }
}

const UI_API = [
  'alert',
  'prompt',
  'createAddonMenu',
  'createMenu',
  'showSidebar',
  'showModalDialog',
  'showModelessDialog',
] as const satisfies readonly (keyof Ui)[];

export class FakeUi implements Pick<Ui, (typeof UI_API)[number] | 'Button' | 'ButtonSet'> {
  static readonly gas: FakeSpec = { kind: 'Ui', methods: UI_API, props: ['Button', 'ButtonSet'] };
  readonly Button = ButtonEnum;
  readonly ButtonSet = ButtonSetEnum;

  constructor(
    private readonly runtime: Runtime,
    private readonly log: UiLog,
  ) {}

  alert(...args: unknown[]): Button {
    const [title, prompt, buttons] = dialogArgs(args);
    const answer = this.answer('alert', buttons);
    this.record('alert', title, prompt, buttons, answer.button, null);
    return enumValue<Button>(answer.button);
  }

  prompt(...args: unknown[]): GoogleAppsScript.Base.PromptResponse {
    const [title, prompt, buttons] = dialogArgs(args);
    const answer = this.answer('prompt', buttons);
    this.record('prompt', title, prompt, buttons, answer.button, answer.text);
    return asApi(new FakePromptResponse(answer.text, answer.button));
  }

  createAddonMenu(): Menu {
    return asApi(new FakeMenu(this.log, this.runtime, 'Add-on', true));
  }
  createMenu(caption: string): Menu {
    return asApi(new FakeMenu(this.log, this.runtime, String(caption), false));
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.show('sidebar', userInterface, null);
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modal', userInterface, title);
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show('modeless', userInterface, title);
  }

  private show(kind: ShownHtml['kind'], ui: unknown, title: string | null): void {
    this.runtime.authorize(`Ui.show${kind}`, 'LIMITED', []);
    if (!(ui instanceof FakeHtmlOutput)) throw new GasError('Invalid argument: userInterface');
    const record: ShownHtml = {
      kind,
      title: title ?? ui.title,
      content: ui.content,
      // Sidebars are fixed at 300 px whatever setWidth said.
      width: kind === 'sidebar' ? 300 : ui.width,
      height: kind === 'sidebar' ? null : ui.height,
      user: this.runtime.current().effectiveUser.email,
    };
    this.log.shown.push(record);
    this.runtime.recorder.record(`${kind} html`, record.content);
    this.runtime.recorder.record(`${kind} title`, record.title);
  }

  private answer(kind: 'alert' | 'prompt', buttons: string): ScriptedAnswer {
    // The script waits for the person; Apps Script releases LockService locks while a dialog is open.
    this.runtime.pause();
    const next = this.log.answers[0];
    if (!next) {
      if (kind === 'alert' && buttons === 'OK') return { kind, button: 'OK', text: '' };
      throw new Error(
        `gas-fakes: Ui.${kind} shown with ${buttons} but the test queued no answer (sim.ui.answer${kind === 'alert' ? 'Alert' : 'Prompt'})`,
      );
    }
    if (next.kind !== kind)
      throw new Error(`gas-fakes: Ui.${kind} shown but the next queued answer is for ${next.kind}`);
    if (next.button !== 'CLOSE' && !(BUTTONS_OF[buttons] ?? []).includes(next.button)) {
      throw new Error(`gas-fakes: queued button ${next.button} is not in ButtonSet.${buttons}`);
    }
    this.log.answers.shift();
    next.whileOpen?.();
    return next;
  }

  private record(
    kind: 'alert' | 'prompt',
    title: string,
    prompt: string,
    buttons: string,
    button: string,
    text: string | null,
  ) {
    this.log.dialogs.push({
      kind,
      title,
      prompt,
      buttons,
      button,
      text,
      user: this.runtime.current().effectiveUser.email,
    });
    this.runtime.recorder.record(`${kind} title`, title);
    this.runtime.recorder.record(`${kind} text`, prompt);
  }
}

/** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
function dialogArgs(args: unknown[]): [string, string, string] {
  if (args.length >= 3) return [String(args[0]), String(args[1]), enumName(args[2])];
  if (args.length === 2) return ['', String(args[0]), enumName(args[1])];
  return ['', String(args[0] ?? ''), 'OK'];
}

const RESPONSE_API = [
  'getResponseText',
  'getSelectedButton',
] as const satisfies readonly (keyof GoogleAppsScript.Base.PromptResponse)[];

export class FakePromptResponse implements Pick<GoogleAppsScript.Base.PromptResponse, (typeof RESPONSE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'PromptResponse', methods: RESPONSE_API };
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): Button {
    return enumValue<Button>(this.button);
  }
}

const MENU_API = ['addItem', 'addSeparator', 'addSubMenu', 'addToUi'] as const satisfies readonly (keyof Menu)[];

export class FakeMenu implements Pick<Menu, (typeof MENU_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Menu', methods: MENU_API };
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly log: UiLog,
    private readonly runtime: Runtime,
    readonly caption: string,
    private readonly addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.entries.push({ type: 'item', caption: String(caption), functionName: String(functionName) });
    this.runtime.recorder.record('menu item', String(caption));
    return asApi(this);
  }
  addSeparator(): Menu {
    this.entries.push({ type: 'separator' });
    return asApi(this);
  }
  addSubMenu(menu: Menu): Menu {
    const sub = menu as unknown as FakeMenu;
    this.entries.push({ type: 'submenu', caption: sub.caption, entries: sub.entries });
    return asApi(this);
  }
  addToUi(): void {
    const existing = this.log.menus.findIndex((m) => m.addon === this.addon && m.caption === this.caption);
    const record = { caption: this.caption, addon: this.addon, entries: [...this.entries] };
    if (existing >= 0) this.log.menus.splice(existing, 1, record);
    else this.log.menus.push(record);
  }
}
