/** Base.User: only the email is exposed (and may be '' where Apps Script hides it). */

import type { FakeSpec } from './fake';

const USER_API = ['getEmail'] as const satisfies readonly (keyof GoogleAppsScript.Base.User)[];

export class FakeUser implements Pick<GoogleAppsScript.Base.User, (typeof USER_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'User', methods: USER_API };
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}
