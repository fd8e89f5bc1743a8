/**
 * A person's Chat user id from their email, for sheets loaded with admin access or as the Chat app: the
 * `spaces/{space}/members/{email}` alias is documented for user authentication only, so there the email is first
 * looked up in the Directory (`users.get`), then the membership is read by id. Only a valid lookup lets a 404 from
 * Chat mean "not a member".
 */

import { words } from './messages';
import { DIRECTORY_USERS_URL, isObject } from './name-resolution';

export type EmailLookup = { id: string } | { notFound: true } | { failed: string };

/** The Directory request: the public view for anyone, the admin view with admin access. */
export function directoryEmailUrl(email: string, admin: boolean): string {
  return `${DIRECTORY_USERS_URL}${encodeURIComponent(email)}?viewType=${admin ? 'admin_view' : 'domain_public'}&fields=id`;
}

export function emailLookupFrom(status: number | undefined, body: string): EmailLookup {
  if (status === undefined) return { failed: words().emailLookup.noAnswer };
  if (status === 404) return { notFound: true };
  if (status === 200) {
    try {
      const parsed = JSON.parse(body) as unknown;
      const id = isObject(parsed) ? parsed.id : undefined;
      if (typeof id === 'string' && /^[A-Za-z0-9]+$/.test(id)) return { id };
    } catch {
      // A malformed answer is a failed lookup, below.
    }
  }
  return { failed: words().emailLookup.failed(status) };
}
