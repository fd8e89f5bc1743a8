/**
 * Showing people, not ids: which members Chat left without a name or email, how their lookups are batched and
 * addressed (People API `people:batchGet`, Admin SDK Directory `users.get`), how the answers become
 * {displayName, email}, why a lookup failed (the Name cell's note), and (name-cache-shards.ts) how results are kept in the user cache.
 *
 * Pure: no Apps Script, no network. Every id is validated before a URL is built from it.
 */

import type { ChatMembership } from './chat-types';
import { words } from './messages';

export interface Person {
  displayName: string;
  email: string;
}

/** Why a person's name could not be shown. */
export type UnresolvedReason =
  | 'not-found'
  | 'no-permission'
  | 'busy'
  | 'failed'
  | 'unreachable'
  | 'invalid-id'
  | 'out-of-time';

export type Resolution =
  | { ok: true; person: Person }
  | { ok: false; reason: UnresolvedReason /** the last HTTP status, for `failed` */; status?: number };

export const found = (person: Person): Resolution => ({ ok: true, person });
export const unresolved = (reason: UnresolvedReason, status?: number): Resolution =>
  status === undefined ? { ok: false, reason } : { ok: false, reason, status };

// ---- which ids ------------------------------------------------------------------------------------------------

/** A Chat user's id: digits for people, or the Chat id syntax (never an email, a path or an empty string). */
const USER_NAME = /^users\/([A-Za-z0-9_-]{1,128})$/;

/** The id of `users/{id}`, or undefined when the value is not a user name this add-on looks up. */
export function userIdOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return USER_NAME.exec(value)?.[1];
}

function lacksProfile(m: ChatMembership): boolean {
  const member = m.member;
  if (!member || m.groupMember || member.type === 'BOT') return false;
  return !member.displayName || !member.email;
}

/**
 * The user names (`users/…`, each once, in list order) of people whose display name or email Chat left empty:
 * with admin access and app authentication that is everyone, with user access the people the caller has no
 * contact with. Groups and Chat apps are never looked up.
 */
export function namesToResolve(memberships: readonly ChatMembership[]): string[] {
  const names = new Set<string>();
  for (const m of memberships) {
    if (lacksProfile(m) && typeof m.member?.name === 'string' && m.member.name !== '') names.add(m.member.name);
  }
  return [...names];
}

/** Splits user names into the ids that may be looked up and the names that may not (never sent anywhere). */
export function partitionIds(names: readonly string[]): { ids: string[]; invalid: string[] } {
  const ids: string[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    const id = userIdOf(name);
    if (id === undefined) invalid.push(name);
    else ids.push(id);
  }
  return { ids, invalid };
}

// ---- requests -------------------------------------------------------------------------------------------------

export const PEOPLE_BATCH_GET_URL = 'https://people.googleapis.com/v1/people:batchGet';
export const DIRECTORY_USERS_URL = 'https://admin.googleapis.com/admin/directory/v1/users/';
/** people:batchGet takes at most 200 resource names. */
export const PEOPLE_BATCH_MAX = 200;
/** Apps Script refuses a UrlFetch URL longer than about 2 kB; stay under it with room to spare. */
export const MAX_URL_LENGTH = 2000;
/**
 * Domain profiles only (READ_SOURCE_TYPE_PROFILE: account, domain profile and profile): never the caller's own
 * contacts, whose private labels for a person must not end up in a shared spreadsheet.
 */
const PEOPLE_QUERY = 'personFields=names,emailAddresses&sources=READ_SOURCE_TYPE_PROFILE';

function assertId(id: string): void {
  if (userIdOf(`users/${id}`) !== id) throw new Error('not a Chat user id');
}

/**
 * people:batchGet URLs for these ids: at most 200 names each, and short enough for UrlFetch (which, with real
 * 21-digit ids, is what limits a batch to about 40 names).
 */
export function peopleBatches(ids: readonly string[], maxUrlLength = MAX_URL_LENGTH): { url: string; ids: string[] }[] {
  const batches: { url: string; ids: string[] }[] = [];
  const base = `${PEOPLE_BATCH_GET_URL}?${PEOPLE_QUERY}`;
  let url = base;
  let batch: string[] = [];
  for (const id of ids) {
    assertId(id);
    const part = `&resourceNames=people/${id}`;
    if (batch.length > 0 && (batch.length >= PEOPLE_BATCH_MAX || url.length + part.length > maxUrlLength)) {
      batches.push({ url, ids: batch });
      url = base;
      batch = [];
    }
    url += part;
    batch.push(id);
  }
  if (batch.length > 0) batches.push({ url, ids: batch });
  return batches;
}

/** Admin SDK Directory `users.get` for one id (admin view), asking only for the fields shown. */
export function directoryUserUrl(id: string): string {
  assertId(id);
  return `${DIRECTORY_USERS_URL}${encodeURIComponent(id)}?fields=${encodeURIComponent('id,primaryEmail,name,emails')}`;
}

// ---- answers --------------------------------------------------------------------------------------------------

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The primary entry of a People field (`names`, `emailAddresses`), else the first. */
function primaryEntry(list: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const entries = list.filter(isObject);
  return (
    entries.find((e) => isObject(e.metadata) && e.metadata.primary === true) ??
    entries.find((e) => isObject(e.metadata) && e.metadata.sourcePrimary === true) ??
    entries[0]
  );
}

/** A People API Person as {displayName, email}; undefined when it has neither. */
export function personFromPeople(person: unknown): Person | undefined {
  if (!isObject(person)) return undefined;
  const name = primaryEntry(person.names);
  const email = str(primaryEntry(person.emailAddresses)?.value);
  const given = str(name?.givenName);
  const family = str(name?.familyName);
  const displayName = str(name?.displayName) || [given, family].filter(Boolean).join(' ') || email;
  return displayName || email ? { displayName, email } : undefined;
}

/** An Admin SDK Directory user as {displayName, email}; undefined when it has neither. */
export function personFromDirectory(user: unknown): Person | undefined {
  if (!isObject(user)) return undefined;
  const name = isObject(user.name) ? user.name : {};
  const emails = Array.isArray(user.emails) ? user.emails.filter(isObject) : [];
  const email = str(user.primaryEmail) || str((emails.find((e) => e.primary === true) ?? emails[0])?.address);
  const displayName =
    str(name.fullName) || [str(name.givenName), str(name.familyName)].filter(Boolean).join(' ') || email;
  return displayName || email ? { displayName, email } : undefined;
}

/** What to do with one HTTP answer. */
export type Verdict = 'done' | 'retry' | 'denied' | 'failed';

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Admin SDK over-quota reasons (answered with 403, not 429): worth waiting for. */
const DIRECTORY_RATE_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded']);

/** Directory answers: 200/404 settle the id, quota 403s, 429 and 5xx are retried, any other 403 means "use People". */
export function directoryVerdict(status: number, body: string): Verdict {
  if (status === 200 || status === 404) return 'done';
  if (RETRY_STATUSES.has(status)) return 'retry';
  if (status === 403) {
    const parsed = parseJson(body);
    const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : {};
    const reasons = Array.isArray(error.errors) ? error.errors.filter(isObject).map((e) => str(e.reason)) : [];
    return reasons.some((r) => DIRECTORY_RATE_REASONS.has(r)) ? 'retry' : 'denied';
  }
  return 'failed';
}

/** The Directory's answer for one id. */
export function directoryResolution(status: number, body: string): Resolution {
  if (status === 404) return unresolved('not-found');
  if (status !== 200) return unresolved(status === 403 ? 'no-permission' : 'failed', status);
  const person = personFromDirectory(parseJson(body));
  return person ? found(person) : unresolved('not-found');
}

/** people:batchGet answers as a whole: 429 and 5xx are retried, 403 is a missing permission. */
export function peopleVerdict(status: number): Verdict {
  if (status === 200) return 'done';
  if (RETRY_STATUSES.has(status)) return 'retry';
  return status === 403 ? 'denied' : 'failed';
}

/**
 * Each id of a successful people:batchGet: found, not found (a per-item 404), or failed/busy for a per-item error.
 * Ids the answer does not mention are `failed`.
 */
export function peopleBatchResolutions(ids: readonly string[], body: string): Map<string, Resolution> {
  const out = new Map<string, Resolution>();
  const parsed = parseJson(body);
  const responses = isObject(parsed) && Array.isArray(parsed.responses) ? parsed.responses.filter(isObject) : [];
  const wanted = new Set(ids);
  for (const item of responses) {
    const requested = str(item.requestedResourceName);
    const id = requested.startsWith('people/') ? requested.slice('people/'.length) : '';
    if (!wanted.has(id) || out.has(id)) continue;
    const status = typeof item.httpStatusCode === 'number' ? item.httpStatusCode : item.person ? 200 : 0;
    if (status === 200) {
      const person = personFromPeople(item.person);
      out.set(id, person ? found(person) : unresolved('not-found'));
    } else if (status === 404) {
      out.set(id, unresolved('not-found'));
    } else if (status === 403) {
      out.set(id, unresolved('no-permission', status));
    } else {
      out.set(id, unresolved(RETRY_STATUSES.has(status) ? 'busy' : 'failed', status));
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, unresolved('failed', 200));
  return out;
}

// ---- into the sheet -------------------------------------------------------------------------------------------

/** The Name cell's note for a person shown as their id (or without an email). */
export function noteFor(resolution: Resolution, nameMissing: boolean): string {
  if (resolution.ok) return '';
  const w = words().names;
  const shown = nameMissing ? w.idShown : w.emailUnknown;
  switch (resolution.reason) {
    case 'not-found':
      return w.notInDirectory(shown);
    case 'no-permission':
      return w.noPermission(shown);
    case 'busy':
      return w.busy(shown);
    case 'unreachable':
      return w.unreachable(shown);
    case 'invalid-id':
      return w.notLookedUp(shown);
    case 'out-of-time':
      return w.outOfTime(shown);
    default:
      return w.errorStatus(shown, resolution.status ?? 0);
  }
}

/**
 * Memberships with the names and emails found filled in (Chat's own values win), and the Name-cell note of each
 * membership (by its resource name) whose person stayed unresolved.
 */
export function applyResolutions(
  memberships: readonly ChatMembership[],
  resolutions: ReadonlyMap<string, Resolution>,
): { memberships: ChatMembership[]; notes: Map<string, string> } {
  const notes = new Map<string, string>();
  const out = memberships.map((m) => {
    const user = m.member?.name;
    const resolution = user !== undefined && lacksProfile(m) ? resolutions.get(user) : undefined;
    if (!resolution || !m.member) return m;
    if (!resolution.ok) {
      if (m.name) notes.set(m.name, noteFor(resolution, !m.member.displayName));
      return m;
    }
    return {
      ...m,
      member: {
        ...m.member,
        displayName: m.member.displayName || resolution.person.displayName,
        email: m.member.email || resolution.person.email,
      },
    };
  });
  return { memberships: out, notes };
}
