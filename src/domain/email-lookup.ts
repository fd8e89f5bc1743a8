/**
 * A person's Chat user id from their email, for sheets loaded with admin access or as the Chat app: the
 * `spaces/{space}/members/{email}` alias is documented for user authentication only, so there the email is first
 * looked up in the Directory (`users.get`), then the membership is read by id. Only a valid lookup lets a 404 from
 * Chat mean "not a member".
 */

import { DIRECTORY_USERS_URL, isObject } from './name-resolution';

export type EmailLookup = { id: string } | { notFound: true } | { failed: string };

export const EMAIL_LOOKUP_WORDS = {
  notInDirectory: "no one with this email is in your organisation's directory",
  failed: (status: number) =>
    `could not look this email up in the directory (HTTP ${status}), so whether they are a member is not known`,
  noAnswer: 'the directory did not answer, so whether they are a member is not known',
};

/** The Directory request: the public view for anyone, the admin view with admin access. */
export function directoryEmailUrl(email: string, admin: boolean): string {
  return `${DIRECTORY_USERS_URL}${encodeURIComponent(email)}?viewType=${admin ? 'admin_view' : 'domain_public'}&fields=id`;
}

export function emailLookupFrom(status: number | undefined, body: string): EmailLookup {
  if (status === undefined) return { failed: EMAIL_LOOKUP_WORDS.noAnswer };
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
  return { failed: EMAIL_LOOKUP_WORDS.failed(status) };
}
