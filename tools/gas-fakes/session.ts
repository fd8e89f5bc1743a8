/**
 * Session: the active user (the person at the keyboard, whose email Apps Script may hide) and the effective user (whose
 * authority the code runs with: a trigger's creator inside the trigger).
 */

import { createHash } from 'node:crypto';
import { asApi, type FakeSpec } from './fake';
import type { Runtime } from './runtime';
import { FakeUser } from './user';

type Session = GoogleAppsScript.Base.Session;

const SESSION_API = [
  'getActiveUser',
  'getActiveUserLocale',
  'getEffectiveUser',
  'getScriptTimeZone',
  'getTemporaryActiveUserKey',
] as const satisfies readonly (keyof Session)[];

export class FakeSession implements Pick<Session, (typeof SESSION_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Session', methods: SESSION_API };
  constructor(private readonly runtime: Runtime) {}

  /** '' when there is no person (time triggers) or Apps Script hides them (other domain, consumer account). */
  getActiveUser(): GoogleAppsScript.Base.User {
    const ex = this.runtime.current();
    const email = ex.activeUser && !ex.activeEmailHidden ? ex.activeUser.email : '';
    return asApi(new FakeUser(email));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return asApi(new FakeUser(this.runtime.current().effectiveUser.email));
  }
  getActiveUserLocale(): string {
    return this.runtime.current().activeUser?.locale ?? '';
  }
  getScriptTimeZone(): string {
    return this.runtime.timeZone;
  }
  /** Stable per user and script, opaque; available even when the email is hidden. */
  getTemporaryActiveUserKey(): string {
    const user = this.runtime.current().activeUser;
    if (!user) return '';
    return createHash('sha256').update(`gas-fakes temporary key ${user.email}`).digest('base64').slice(0, 43);
  }
}
