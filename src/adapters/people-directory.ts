/**
 * Looking up the people Chat lists without a name or email, over UrlFetchApp:
 * - sheets loaded with admin access: Admin SDK Directory `users.get`, one request per id, sent in parallel waves
 *   with `UrlFetchApp.fetchAll` at the Directory's pace; when the Directory refuses the caller (a 403 that is not
 *   a quota), the rest go to People;
 * - otherwise: People API `people:batchGet`, many ids per request.
 * 429, 5xx and the Directory's quota 403 are retried with the backoff of domain/retry.ts. Results are cached
 * (name-cache.ts). A lookup never fails a load: whatever stays unresolved keeps its id and gets a note saying why.
 *
 * The OAuth token is read once and only ever placed in the Authorization header: never in a URL, a log line, a
 * cache entry, a note or an error message.
 */

import type { Access } from '../domain/access';
import type { ChatMembership } from '../domain/chat-types';
import { directoryEmailUrl, type EmailLookup, emailLookupFrom } from '../domain/email-lookup';
import {
  applyResolutions,
  directoryResolution,
  directoryUserUrl,
  directoryVerdict,
  namesToResolve,
  partitionIds,
  peopleBatches,
  peopleBatchResolutions,
  peopleVerdict,
  type Resolution,
  type UnresolvedReason,
  unresolved,
} from '../domain/name-resolution';
import { appsScriptClock, type Clock } from './clock';
import { readInWaves } from './http';
import { NameCache } from './name-cache';

/**
 * The Directory allows 2,400 queries a minute per user. Read strictly (no burst above one second's worth), that is
 * 40 a second: one fetchAll wave of 40 requests a second keeps to it without drawing quota errors.
 */
const DIRECTORY_WAVE = 40;
const DIRECTORY_WAVE_INTERVAL_MS = 1000;
/** people:batchGet requests (each up to 200 names) sent together in one fetchAll. */
const PEOPLE_WAVE = 5;
/** Lookups stop after this long (what was found is kept and cached) so the members are always written in time. */
const LOOKUP_BUDGET_MS = 3 * 60 * 1000;
function lostReason(outcome: { lost: string }): UnresolvedReason {
  return outcome.lost === 'busy' || outcome.lost === 'unreachable' || outcome.lost === 'out-of-time'
    ? outcome.lost
    : 'failed';
}

function lookUpPeople(ids: readonly string[], token: string, clock: Clock, deadline: number): Map<string, Resolution> {
  const out = new Map<string, Resolution>();
  const batches = peopleBatches(ids);
  const outcomes = readInWaves(
    batches.map((b, i) => ({ key: String(i), request: { url: b.url, method: 'get', token } })),
    clock,
    { wave: PEOPLE_WAVE, intervalMs: 0, deadline, verdict: (status) => peopleVerdict(status), stopOnDenied: false },
  );
  batches.forEach((batch, i) => {
    const outcome = outcomes.get(String(i)) ?? { lost: 'busy' as const };
    if ('lost' in outcome) {
      for (const id of batch.ids) out.set(id, unresolved(lostReason(outcome), outcome.status));
    } else if (outcome.status === 200) {
      for (const [id, resolution] of peopleBatchResolutions(batch.ids, outcome.body)) out.set(id, resolution);
    } else {
      const reason = outcome.status === 403 ? 'no-permission' : 'failed';
      for (const id of batch.ids) out.set(id, unresolved(reason, outcome.status));
    }
  });
  return out;
}

/** Directory lookups; the ids the Directory would not answer for this caller come back in `fallback`. */
function lookUpDirectory(
  ids: readonly string[],
  token: string,
  clock: Clock,
  deadline: number,
): { resolutions: Map<string, Resolution>; fallback: string[] } {
  const resolutions = new Map<string, Resolution>();
  const fallback: string[] = [];
  const outcomes = readInWaves(
    ids.map((id) => ({ key: id, request: { url: directoryUserUrl(id), method: 'get', token } })),
    clock,
    {
      wave: DIRECTORY_WAVE,
      intervalMs: DIRECTORY_WAVE_INTERVAL_MS,
      deadline,
      verdict: directoryVerdict,
      stopOnDenied: true,
    },
  );
  for (const id of ids) {
    const outcome = outcomes.get(id) ?? { lost: 'busy' as const };
    if ('lost' in outcome) {
      if (outcome.lost === 'skipped') fallback.push(id);
      else resolutions.set(id, unresolved(lostReason(outcome), outcome.status));
    } else if (directoryVerdict(outcome.status, outcome.body) === 'denied') {
      fallback.push(id);
    } else {
      resolutions.set(id, directoryResolution(outcome.status, outcome.body));
    }
  }
  return { resolutions, fallback };
}

/** Looks up ids (already validated) over the network: Directory first with admin access, People otherwise. */
function lookUp(ids: readonly string[], access: Access, clock: Clock): Map<string, Resolution> {
  const token = ScriptApp.getOAuthToken();
  const deadline = clock.now() + LOOKUP_BUDGET_MS;
  if (access !== 'admin') return lookUpPeople(ids, token, clock, deadline);
  const { resolutions, fallback } = lookUpDirectory(ids, token, clock, deadline);
  if (fallback.length > 0) {
    for (const [id, resolution] of lookUpPeople(fallback, token, clock, deadline)) resolutions.set(id, resolution);
  }
  return resolutions;
}

/**
 * Fills in the names and emails Chat left empty, from the user cache or the directory, and returns the Name-cell
 * note (by membership resource name) of each person who stays shown as an id. With nothing to look up, it makes
 * no cache or network call at all.
 */
export function resolveMissingNames(
  memberships: readonly ChatMembership[],
  access: Access,
  clock: Clock = appsScriptClock,
): { memberships: ChatMembership[]; notes: Map<string, string> } {
  const names = namesToResolve(memberships);
  if (names.length === 0) return { memberships: [...memberships], notes: new Map() };
  const { ids, invalid } = partitionIds(names);
  const resolutions = new Map<string, Resolution>(invalid.map((name) => [name, unresolved('invalid-id')]));
  const cache = NameCache.forUser();
  const hits = cache.lookup(ids, clock.now());
  const misses = ids.filter((id) => !hits.has(id));
  const fresh = misses.length > 0 ? lookUp(misses, access, clock) : new Map<string, Resolution>();
  cache.store(fresh, clock.now());
  for (const id of ids) resolutions.set(`users/${id}`, hits.get(id) ?? fresh.get(id) ?? unresolved('failed'));
  return applyResolutions(memberships, resolutions);
}

/**
 * User ids of people by email (Directory users.get, in parallel waves at the Directory's pace), for adding rows by
 * email on admin and app sheets, where Chat's email alias is not documented. Uses the person's own token.
 */
export function userIdsForEmails(
  emails: readonly string[],
  access: Access,
  clock: Clock = appsScriptClock,
): Map<string, EmailLookup> {
  const token = ScriptApp.getOAuthToken();
  const outcomes = readInWaves(
    emails.map((email) => ({
      key: email,
      request: { url: directoryEmailUrl(email, access === 'admin'), method: 'get', token },
    })),
    clock,
    {
      wave: DIRECTORY_WAVE,
      intervalMs: DIRECTORY_WAVE_INTERVAL_MS,
      deadline: clock.now() + LOOKUP_BUDGET_MS,
      verdict: (status, body) => (directoryVerdict(status, body) === 'retry' ? 'retry' : 'done'),
    },
  );
  const out = new Map<string, EmailLookup>();
  for (const email of emails) {
    const outcome = outcomes.get(email);
    out.set(email, outcome ? emailLookupFrom(outcome.status, outcome.body ?? '') : emailLookupFrom(undefined, ''));
  }
  return out;
}
