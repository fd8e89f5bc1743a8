/** With --admin: members.list and spaces.search with useAdminAccess=true (reads only). */

import {
  all,
  type Check,
  type CheckContext,
  differs,
  expectInvalidArgument,
  expectOk,
  holds,
  labelled,
  type Outcome,
  skipped,
} from '../check';
import type { ApiResponse } from '../http';
import { listMembers, membershipsOf } from './filters';
import { filters, listing, pagination } from './refs';

const ADMIN = { useAdminAccess: 'true' };
const HUMANS = 'member.type = "HUMAN"';
const BASE_QUERY = 'customer = "customers/my_customer" AND space_type = "SPACE"';
const SEARCH_PAGE = '100';

const search = (ctx: CheckContext, query: Record<string, string>) =>
  ctx.call({ path: '/v1/spaces:search', query: { ...ADMIN, pageSize: SEARCH_PAGE, ...query } });

interface SpaceJson {
  name?: string;
  createTime?: string;
  membershipCount?: { joinedDirectHumanUserCount?: number };
}

/** Search results, from `results[].space` (revision 20260920) or the deprecated `spaces`. */
function spacesOf(body: Record<string, unknown>): SpaceJson[] {
  if (Array.isArray(body.results)) return body.results.map((r) => (r as { space?: SpaceJson }).space ?? {});
  return Array.isArray(body.spaces) ? (body.spaces as SpaceJson[]) : [];
}

/** 200, and consecutive results are in the order `key` (ascending, or descending with `sign` -1) says. */
function expectOrdered(res: ApiResponse, what: string, key: (s: SpaceJson) => number, sign: 1 | -1): Outcome {
  return expectOk(res, (body) => {
    const list = spacesOf(body);
    if (list.length < 2) return skipped('fewer than two spaces found: no order to see');
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1] as SpaceJson, list[i] as SpaceJson];
      if (sign * (key(b) - key(a)) < 0) return differs(`not ${what}: ${a.name} before ${b.name}`);
    }
    return holds();
  });
}

const refusedQuery = (id: string, query: string, quote: string): Check => ({
  id,
  assumption: filters(quote),
  mode: 'admin',
  maxRequests: 1,
  run: async (ctx) => expectInvalidArgument(await search(ctx, { query })),
});

export const adminChecks: Check[] = [
  {
    id: 'admin.members-need-human-filter',
    assumption: filters('Admin listing requires a top-level conjunct'),
    mode: 'admin',
    maxRequests: 2,
    run: async (ctx) => {
      const none = labelled('no filter', expectInvalidArgument(await listMembers(ctx, ADMIN)));
      if (none.result !== 'holds') return none;
      const nested = await listMembers(ctx, { ...ADMIN, filter: `role = "ROLE_MANAGER" OR ${HUMANS}` });
      return labelled('the condition inside an OR', expectInvalidArgument(nested));
    },
  },
  {
    id: 'admin.members-without-profiles',
    assumption: listing(
      'With admin access members carry only `name` and `type`, and BOT memberships are left out of `members.list`',
    ),
    mode: 'admin',
    maxRequests: 2,
    run: async (ctx) => {
      const check = (res: ApiResponse) =>
        expectOk(res, (body) => {
          const bad = membershipsOf(body).find(
            (m) => m.member?.type === 'BOT' || m.member?.displayName !== undefined || m.member?.email !== undefined,
          );
          return bad ? differs(`listed ${JSON.stringify(bad.member)}`) : holds();
        });
      return all(
        labelled(HUMANS, check(await listMembers(ctx, { ...ADMIN, filter: HUMANS }))),
        labelled('member.type != "BOT"', check(await listMembers(ctx, { ...ADMIN, filter: 'member.type != "BOT"' }))),
      );
    },
  },
  {
    id: 'admin.show-invited',
    assumption: listing('`showInvited` is honoured with admin access too.'),
    mode: 'admin',
    maxRequests: 1,
    run: async (ctx) => {
      const invited = ctx.facts.memberships.filter((m) => m.state === 'INVITED' && m.member?.type === 'HUMAN');
      if (!ctx.facts.membersComplete) return skipped('the space has more members than the pages read');
      const res = await listMembers(ctx, { ...ADMIN, filter: HUMANS, showInvited: 'true' });
      return expectOk(res, (body) => {
        const shown = new Set(membershipsOf(body).map((m) => m.name));
        const missing = invited.find((m) => !shown.has(m.name));
        return missing ? differs(`${missing.name} (invited) is not listed`) : holds();
      });
    },
  },
  {
    id: 'search.total-size',
    assumption: filters('`totalSize` is returned when anything matched.'),
    mode: 'admin',
    maxRequests: 1,
    run: async (ctx) => {
      const res = await search(ctx, { query: BASE_QUERY });
      return expectOk(res, (body) => {
        if (spacesOf(body).length === 0) return skipped('no space matched');
        return typeof body.totalSize === 'number' ? holds() : differs(`totalSize is ${JSON.stringify(body.totalSize)}`);
      });
    },
  },
  {
    id: 'search.default-order',
    assumption: filters('default `create_time ASC`'),
    mode: 'admin',
    maxRequests: 1,
    run: async (ctx) =>
      expectOrdered(await search(ctx, { query: BASE_QUERY }), 'oldest first', (s) => Date.parse(s.createTime ?? ''), 1),
  },
  {
    id: 'search.order-by-member-count',
    assumption: filters(
      '`orderBy`: `membership_count.joined_direct_human_user_count`, `last_active_time` or `create_time`, optional `ASC`/`DESC`',
    ),
    mode: 'admin',
    maxRequests: 1,
    run: async (ctx) =>
      expectOrdered(
        await search(ctx, { query: BASE_QUERY, orderBy: 'membership_count.joined_direct_human_user_count DESC' }),
        'busiest first',
        (s) => s.membershipCount?.joinedDirectHumanUserCount ?? 0,
        -1,
      ),
  },
  {
    id: 'search.order-by-unknown',
    assumption: filters(
      '`orderBy`: `membership_count.joined_direct_human_user_count`, `last_active_time` or `create_time`, optional `ASC`/`DESC`',
    ),
    mode: 'admin',
    maxRequests: 1,
    run: async (ctx) => expectInvalidArgument(await search(ctx, { query: BASE_QUERY, orderBy: 'display_name' })),
  },
  refusedQuery(
    'search.customer-required',
    'space_type = "SPACE"',
    '`customer = "customers/my_customer"` and `space_type = "SPACE"` are required.',
  ),
  refusedQuery('search.only-and', `${BASE_QUERY} OR space_type = "SPACE"`, 'only AND;'),
  refusedQuery(
    'search.unsupported-field',
    `${BASE_QUERY} AND space_history_state = "HISTORY_ON"`,
    'Any other field (e.g. `space_history_state`, `membership_count.*`) → 400.',
  ),
  {
    id: 'search.display-name-prefix',
    assumption: filters(
      '`display_name` (`:` only; case-insensitive; every word of the value must be a prefix of a word of the name)',
    ),
    mode: 'admin',
    maxRequests: 2,
    run: async (ctx) => {
      const word = /[\p{L}\p{N}]+/u.exec(String(ctx.facts.space.displayName ?? ''))?.[0];
      if (!word) return skipped(`${ctx.space} has no display name to search for`);
      const prefix = word.slice(0, 3).toLowerCase();
      const res = await search(ctx, { query: `${BASE_QUERY} AND display_name:"${prefix}"`, pageSize: '1000' });
      const found = expectOk(res, (body) => {
        if (spacesOf(body).some((s) => s.name === ctx.space)) return holds();
        return body.nextPageToken
          ? skipped(`more than 1,000 spaces match "${prefix}"`)
          : differs(`display_name:"${prefix}" does not find ${ctx.space}`);
      });
      if (found.result !== 'holds') return labelled(`display_name:"${prefix}"`, found);
      const equals = await search(ctx, { query: `${BASE_QUERY} AND display_name = "${word}"` });
      return labelled(`display_name = "${word}"`, expectInvalidArgument(equals));
    },
  },
  {
    id: 'search.page-token-bound',
    assumption: pagination('A token reused with different parameters, or a garbage token → 400 `INVALID_ARGUMENT`'),
    mode: 'admin',
    maxRequests: 2,
    run: async (ctx) => {
      const first = await search(ctx, { query: BASE_QUERY, pageSize: '1' });
      const token = (first.json as { nextPageToken?: unknown } | undefined)?.nextPageToken;
      if (first.status !== 200) return expectOk(first);
      if (typeof token !== 'string' || !token) return skipped('one space matched: no page token to reuse');
      return expectInvalidArgument(
        await search(ctx, { query: BASE_QUERY, pageSize: '1', pageToken: token, orderBy: 'create_time DESC' }),
      );
    },
  },
];
