/**
 * Dialogs answered by the person in the page (an adapter over the fakes, which answer Ui.alert from a queue a test
 * fills in advance). The fake Ui's alert is wrapped on its instance: when the add-on shows an alert to a person, the
 * execution pauses (Apps Script releases its locks, as the fake does), the dialog is offered to the page, and the
 * thread waits, still answering the page's read-only questions, until the person clicks a button. Their button is
 * then queued with sim.ui.answerAlert and the fake's own alert runs, so it is recorded exactly as in the tests.
 */

import { type GasEnvironment, unwrapFake } from '../gas-fakes';
import type { PendingDialog } from './protocol';

export type Button = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

const CHOICES: Record<string, Button[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export interface DialogHost {
  /** Blocks until `done()` holds, answering the page's questions meanwhile. */
  waitFor(done: () => boolean): void;
}

export class PersonDialogs {
  pending: PendingDialog | null = null;
  private answer: Button | null = null;
  private nextId = 1;

  constructor(private readonly host: DialogHost) {}

  /** Installs the adapter on the environment's Ui (one Ui instance serves every execution). */
  install(env: GasEnvironment, asUser: string): void {
    const proxy = env.sim.as(asUser, () => env.globals.SpreadsheetApp.getUi());
    const ui = unwrapFake<{ alert: (...args: unknown[]) => unknown }>(proxy);
    if (!ui || typeof ui.alert !== 'function') throw new Error('preview: the fake Ui has no alert method');
    const original = ui.alert;
    ui.alert = (...args: unknown[]) => {
      const ex = env.runtime.current();
      // Nobody to ask (a time-driven trigger): the fake's own rules apply.
      if (ex.activeUser) {
        const [title, prompt, buttons] = dialogArgs(args);
        env.runtime.pause();
        env.sim.ui.answerAlert(this.ask(title, prompt, buttons, ex.activeUser.email));
      }
      return original.apply(ui, args);
    };
  }

  /** The person's click; false when no such dialog is waiting or the button is not offered. */
  answerWith(id: number, button: string): boolean {
    const pending = this.pending;
    if (!pending || pending.id !== id) return false;
    if (button !== 'CLOSE' && !pending.choices.includes(button)) return false;
    this.answer = button as Button;
    return true;
  }

  private ask(title: string, prompt: string, buttons: string, user: string): Button {
    this.pending = { id: this.nextId++, title, prompt, buttons, choices: CHOICES[buttons] ?? ['OK'], user };
    this.answer = null;
    try {
      this.host.waitFor(() => this.answer !== null);
      return this.answer ?? 'CLOSE';
    } finally {
      this.pending = null;
      this.answer = null;
    }
  }
}

/** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons), as Apps Script reads them. */
function dialogArgs(args: unknown[]): [string, string, string] {
  if (args.length >= 3) return [String(args[0]), String(args[1]), String(args[2])];
  if (args.length === 2) return ['', String(args[0]), String(args[1])];
  return ['', String(args[0] ?? ''), 'OK'];
}
