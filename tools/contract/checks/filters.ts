/** The filter grammar of members.list and spaces.list, and spaces.search without admin access. */

import {
  type Check,
  type CheckContext,
  differs,
  expectInvalidArgument,
  expectOk,
  holds,
  labelled,
  type Outcome,
} from '../check';
import { apiPath, isMembership, type MembershipJson } from '../facts';
import type { ApiResponse } from '../http';
import { filters } from './refs';

const membersFilter = filters('`members.list`: fields `role` (only `=`) and `member.type` (`=` and `!=`)');
const grammar = filters('OR binds tighter than AND (AIP-160)');
const spacesFilter = filters(
  '`spaces.list`: only `space_type`/`spaceType` with `=` and values SPACE/GROUP_CHAT/DIRECT_MESSAGE, combined with OR',
);
const MANAGERS = ['ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER'];

export const listMembers = (ctx: CheckContext, query: Record<string, string>) =>
  ctx.call({ path: `${apiPath(ctx.space)}/members`, query: { pageSize: '1000', ...query } });

export const membershipsOf = (body: Record<string, unknown>): MembershipJson[] =>
  Array.isArray(body.memberships) ? body.memberships.filter(isMembership) : [];

/** 200, and every membership listed passes `test`. */
function expectEvery(res: ApiResponse, what: string, test: (m: MembershipJson) => boolean): Outcome {
  return expectOk(res, (body) => {
    const bad = membershipsOf(body).find((m) => !test(m));
    return bad ? differs(`listed ${bad.name}, which is not ${what}`) : holds();
  });
}

const names = (res: ApiResponse) =>
  membershipsOf((res.json ?? {}) as Record<string, unknown>)
    .map((m) => m.name)
    .sort()
    .join(',');

/** One members.list filter the API must accept, listing only members that pass `test`. */
const acceptedFilter = (id: string, filter: string, what: string, test: (m: MembershipJson) => boolean): Check => ({
  id,
  assumption: membersFilter,
  mode: 'read',
  maxRequests: 1,
  run: async (ctx) => expectEvery(await listMembers(ctx, { filter }), what, test),
});

/** One members.list filter the API must refuse. */
const refusedFilter = (id: string, filter: string, quote: string): Check => ({
  id,
  assumption: filters(quote),
  mode: 'read',
  maxRequests: 1,
  run: async (ctx) => expectInvalidArgument(await listMembers(ctx, { filter })),
});

const spacesList = (ctx: CheckContext, filter: string) =>
  ctx.call({ path: '/v1/spaces', query: { pageSize: '1', filter } });

export const filterChecks: Check[] = [
  acceptedFilter('filter.members.role-equals', 'role = "ROLE_MANAGER"', 'an Owner', (m) => m.role === 'ROLE_MANAGER'),
  acceptedFilter('filter.members.type-not-equals', 'member.type != "BOT"', 'a human', (m) => m.member?.type !== 'BOT'),
  refusedFilter('filter.members.role-not-equals', 'role != "ROLE_MEMBER"', '`role` (only `=`)'),
  refusedFilter('filter.members.unknown-field', 'state = "JOINED"', 'any other field → 400'),
  refusedFilter('filter.members.unknown-value', 'role = "ROLE_OWNER"', 'values must be valid enum names'),
  refusedFilter(
    'filter.members.same-field-twice',
    'role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"',
    'the same field twice inside one AND → 400',
  ),
  {
    id: 'filter.grammar.or-binds-tighter',
    assumption: grammar,
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const bare = await listMembers(ctx, {
        filter: 'member.type = "HUMAN" AND role = "ROLE_MANAGER" OR role = "ROLE_ASSISTANT_MANAGER"',
      });
      const outcome = expectEvery(
        bare,
        'a human Owner or Manager',
        (m) => m.member?.type === 'HUMAN' && MANAGERS.includes(m.role ?? ''),
      );
      if (outcome.result !== 'holds') return labelled('without parentheses', outcome);
      const grouped = await listMembers(ctx, {
        filter: 'member.type = "HUMAN" AND (role = "ROLE_MANAGER" OR role = "ROLE_ASSISTANT_MANAGER")',
      });
      const same = expectOk(grouped, () =>
        names(grouped) === names(bare) ? holds() : differs('the same filter with parentheses lists other members'),
      );
      return labelled('with parentheses', same);
    },
  },
  {
    id: 'filter.grammar.bare-words',
    assumption: filters('Values may be quoted or bare words.'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const bare = await listMembers(ctx, { filter: 'role = ROLE_MANAGER' });
      const outcome = expectOk(bare);
      if (outcome.result !== 'holds') return outcome;
      const quoted = await listMembers(ctx, { filter: 'role = "ROLE_MANAGER"' });
      return expectOk(quoted, () =>
        names(quoted) === names(bare) ? holds() : differs('a bare value lists other members than the quoted one'),
      );
    },
  },
  {
    id: 'filter.grammar.syntax-error',
    assumption: filters('Syntax errors → 400.'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const dangling = labelled('role =', expectInvalidArgument(await listMembers(ctx, { filter: 'role =' })));
      if (dangling.result !== 'holds') return dangling;
      const unclosed = await listMembers(ctx, { filter: '(role = "ROLE_MANAGER"' });
      return labelled('unclosed parenthesis', expectInvalidArgument(unclosed));
    },
  },
  {
    id: 'filter.spaces.or',
    assumption: spacesFilter,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectOk(await spacesList(ctx, 'space_type = "SPACE" OR space_type = "GROUP_CHAT"')),
  },
  {
    id: 'filter.spaces.camel-case',
    assumption: spacesFilter,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectOk(await spacesList(ctx, 'spaceType = "SPACE"')),
  },
  {
    id: 'filter.spaces.and-refused',
    assumption: filters('any AND (also nested) → 400'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) =>
      expectInvalidArgument(await spacesList(ctx, 'space_type = "SPACE" AND space_type = "GROUP_CHAT"')),
  },
  {
    id: 'search.requires-admin-access',
    assumption: filters('`spaces.search`: requires `useAdminAccess=true` (otherwise 400 `INVALID_ARGUMENT`'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) =>
      expectInvalidArgument(
        await ctx.call({
          path: '/v1/spaces:search',
          query: { query: 'customer = "customers/my_customer" AND space_type = "SPACE"' },
        }),
      ),
  },
];
