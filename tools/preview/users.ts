/** The people of the demo seed who can act in the preview, with the tokens the emulator knows them by. */

import type { PreviewUser } from './protocol';

export const PREVIEW_USERS: ReadonlyArray<PreviewUser & { token: string }> = [
  { email: 'alice@example.com', label: 'Alice', token: 'tok-alice' },
  { email: 'bob@example.com', label: 'Bob', token: 'tok-bob' },
  { email: 'carol@example.com', label: 'Carol', token: 'tok-carol' },
  { email: 'ada.admin@example.com', label: 'admin', token: 'tok-admin' },
];

export const DEFAULT_USER = 'alice@example.com';

export function isPreviewUser(email: unknown): email is string {
  return typeof email === 'string' && PREVIEW_USERS.some((u) => u.email === email);
}
