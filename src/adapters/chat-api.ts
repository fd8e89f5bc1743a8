/**
 * The Chat API over UrlFetchApp. The OAuth token is read once per call site and only ever placed in the
 * Authorization header: never in a URL, a log line, a sheet or an error message.
 */

import type { Access } from '../domain/access';
import { parseFailure } from '../domain/api-errors';
import type { ChatMembership, ChatSpace } from '../domain/chat-types';
import { AddonError, AppAuthError, ChatApiError } from '../domain/errors';
import { words as messages } from '../domain/messages';
import { isMembershipName, isSpaceName, toPath } from '../domain/resource-names';
import { isRetryable } from '../domain/retry';
import type { ApiRole } from '../domain/roles';
import type { WaveResult } from '../domain/run-engine';
import { appAccessToken } from './app-auth';
import { appsScriptClock, type Clock } from './clock';
import { fetchMany, type HttpRequest, readInWaves } from './http';

export const CHAT_BASE_URL = 'https://chat.googleapis.com/v1/';
const READ_ATTEMPTS = 5;
/** A list walk stops after this many pages even if the server keeps sending tokens (1000 pages × 1000 = 1M rows). */
const MAX_PAGES = 1000;

export type FetchResult = WaveResult;

type Query = Record<string, string | number | boolean | undefined>;

function queryString(query: Query): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export class ChatApi {
  constructor(
    private readonly tokenFor: (access: Access) => string,
    private readonly clock: Clock,
  ) {}

  private request(access: Access, path: string, query: Query, method: 'get' | 'patch', payload?: unknown): HttpRequest {
    // Admin access is a query parameter on every call (Workspace admin privileges, admin scopes).
    const fullQuery = access === 'admin' ? { ...query, useAdminAccess: true } : query;
    const request: HttpRequest = {
      url: `${CHAT_BASE_URL}${path}${queryString(fullQuery)}`,
      method,
      token: this.tokenFor(access),
    };
    if (payload !== undefined) {
      request.contentType = 'application/json';
      request.payload = JSON.stringify(payload);
    }
    return request;
  }

  /** A read, retried with backoff on 429 and 5xx (reads change nothing, so retrying is always safe). */
  private getJson<T>(access: Access, path: string, query: Query, what: string): T {
    const request = this.request(access, path, query, 'get');
    const outcome = readInWaves([{ key: path, request }], this.clock, {
      wave: 1,
      intervalMs: 0,
      deadline: Number.POSITIVE_INFINITY,
      verdict: (status) => (isRetryable(status) ? 'retry' : 'done'),
      maxAttempts: READ_ATTEMPTS,
    }).get(path) ?? { lost: 'unreachable' };
    if ('lost' in outcome && outcome.status === undefined) {
      throw new AddonError('NETWORK', messages().error.noAnswer(what));
    }
    const status = outcome.status ?? 0;
    const body = outcome.body ?? '';
    if (status !== 200) throw new ChatApiError(parseFailure(status, body), what);
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new AddonError('CHAT_API', messages().error.couldNot(what, messages().error.notJson));
    }
  }

  /** Every page's items: the array under `key`, or what `key` picks out of a page's body. */
  private listAll<T>(
    access: Access,
    path: string,
    query: Query,
    key: string | ((body: Record<string, unknown>) => unknown),
    what: string,
  ): T[] {
    const items: T[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = this.getJson<Record<string, unknown>>(access, path, { ...query, pageToken }, what);
      const batch = typeof key === 'string' ? body[key] : key(body);
      if (Array.isArray(batch)) items.push(...(batch as T[]));
      pageToken = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
      if (!pageToken) return items;
    }
    throw new AddonError('CHAT_API', messages().error.couldNot(what, messages().error.tooManyPages(MAX_PAGES)));
  }

  /**
   * Named spaces (all pages): the caller's own, or with admin access every named space of the organisation
   * (spaces:search, busiest first), optionally only those whose name has `nameQuery`.
   */
  listNamedSpaces(access: Access, nameQuery = ''): ChatSpace[] {
    if (access !== 'admin') {
      return this.listAll<ChatSpace>(
        access,
        'spaces',
        { filter: 'space_type = "SPACE"', pageSize: 1000 },
        'spaces',
        messages().error.listSpaces,
      );
    }
    const words = nameQuery.replace(/["\\]/g, ' ').trim();
    const query = `customer = "customers/my_customer" AND space_type = "SPACE"${words ? ` AND display_name:"${words}"` : ''}`;
    return this.listAll<ChatSpace>(
      access,
      'spaces:search',
      { query, orderBy: 'membership_count.joined_direct_human_user_count DESC', pageSize: 1000 },
      searchedSpaces,
      messages().error.searchSpaces,
    );
  }

  getSpace(space: string, access: Access): ChatSpace {
    if (!isSpaceName(space)) throw new Error(`"${space}" is not a Chat space name`);
    return this.getJson<ChatSpace>(access, toPath(space), {}, messages().error.readSpace);
  }

  /**
   * Every membership of a space. With user access, groups and invitations included; with admin access the API
   * requires a member-type filter and lists people only; as the app, without showGroups/showInvited, which are
   * documented for user authentication only.
   */
  listMembers(space: string, access: Access): ChatMembership[] {
    if (!isSpaceName(space)) throw new Error(`"${space}" is not a Chat space name`);
    const query: Query =
      access === 'admin'
        ? { pageSize: 1000, filter: 'member.type = "HUMAN"' }
        : access === 'app'
          ? { pageSize: 1000 }
          : { pageSize: 1000, showGroups: true, showInvited: true };
    return this.listAll<ChatMembership>(
      access,
      `${toPath(space)}/members`,
      query,
      'memberships',
      messages().error.listMembers,
    );
  }

  /**
   * Sends role changes (PATCH) and membership reads (GET) in parallel, in one UrlFetchApp round trip; results come
   * back in request order. When the round trip itself fails (no HTTP answer), every result is undefined: the
   * caller must treat each PATCH's outcome as unknown.
   */
  sendAll(requests: readonly WriteOrCheck[]): (FetchResult | undefined)[] {
    const results: (FetchResult | undefined)[] = requests.map(() => undefined);
    const built: { index: number; request: HttpRequest }[] = [];
    requests.forEach((r, index) => {
      const key = 'get' in r ? r.get : r.patch;
      if (!isMembershipName(key)) throw new Error(`"${key}" is not a membership name`);
      try {
        const request =
          'get' in r
            ? this.request(r.access, toPath(key), {}, 'get')
            : this.request(r.access, toPath(key), { updateMask: 'role' }, 'patch', { role: r.role });
        built.push({ index, request });
      } catch (error) {
        // No token for this one (a sheet loaded as the Chat app, and no usable key): it fails alone, with the reason;
        // the other requests of the wave still go.
        if (!(error instanceof AppAuthError)) throw error;
        results[index] = { status: 0, body: '', retryAfter: undefined, notSent: error.message };
      }
    });
    if (built.length === 0) return results;
    // No answer for the round trip: every PATCH's outcome is unknown (results stay undefined).
    const responses = fetchMany(built.map((b) => b.request)) ?? [];
    responses.forEach((response, i) => {
      const index = built[i]?.index;
      if (index === undefined) return;
      results[index] = { status: response.status, body: response.body, retryAfter: response.header('retry-after') };
    });
    return results;
  }
}

/**
 * The spaces of a spaces:search page: `results[].space` since revision 20260920, which deprecates the top-level
 * `spaces` list; an answer without `results` (an older revision) still gives `spaces`.
 */
export function searchedSpaces(body: Record<string, unknown>): unknown[] {
  if (Array.isArray(body.results)) {
    return (body.results as unknown[])
      .map((r) => (typeof r === 'object' && r !== null ? (r as { space?: unknown }).space : undefined))
      .filter((space) => typeof space === 'object' && space !== null);
  }
  return Array.isArray(body.spaces) ? body.spaces : [];
}

export type WriteOrCheck = ({ patch: string; role: ApiRole } | { get: string }) & { access: Access };

/** A client acting as the effective user (the trigger's owner inside a trigger). The token is fetched once. */
export function userChatApi(clock: Clock = appsScriptClock): ChatApi {
  let token: string | undefined;
  let appToken: string | undefined;
  let appError: AppAuthError | undefined;
  return new ChatApi((access) => {
    if (access === 'app') {
      // A refusal is remembered too: one execution asks for the app's token once, whatever the number of requests.
      if (appError) throw appError;
      try {
        appToken ??= appAccessToken(clock);
      } catch (error) {
        if (error instanceof AppAuthError) appError = error;
        throw error;
      }
      return appToken;
    }
    // User and admin access both use the person's own token; admin access adds useAdminAccess=true.
    token ??= ScriptApp.getOAuthToken();
    return token;
  }, clock);
}
