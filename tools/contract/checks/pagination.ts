/** pageSize limits and page tokens bound to the request. */

import {
  type Check,
  type CheckContext,
  differs,
  expectInvalidArgument,
  expectOk,
  holds,
  type Outcome,
  skipped,
} from '../check';
import { listMembers, membershipsOf } from './filters';
import { pagination } from './refs';

const pageSizes = pagination('`pageSize` 0 or absent → 100; above 1000 → 1000; negative or non-integer → 400.');
const boundTokens = pagination('A token reused with different parameters, or a garbage token → 400 `INVALID_ARGUMENT`');

/** 200 with at most `max` memberships. */
const atMost = (max: number) => (body: Record<string, unknown>) => {
  const n = membershipsOf(body).length;
  return n <= max ? holds() : differs(`${n} memberships on one page, more than ${max}`);
};

/** The first page's token, or undefined when one membership fills the whole list. */
async function firstToken(ctx: CheckContext, path: string): Promise<string | Outcome> {
  const res = await ctx.call({ path, query: { pageSize: '1' } });
  const ok = expectOk(res);
  if (ok.result !== 'holds') return ok;
  const token = (res.json as { nextPageToken?: unknown }).nextPageToken;
  return typeof token === 'string' && token ? token : skipped('one page holds every item: no page token to reuse');
}

const membersPath = (ctx: CheckContext) => `/v1/${ctx.space}/members`;

export const paginationChecks: Check[] = [
  {
    id: 'pagination.page-size-clamped',
    assumption: pageSizes,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectOk(await listMembers(ctx, { pageSize: '5000' }), atMost(1000)),
  },
  {
    id: 'pagination.page-size-zero',
    assumption: pageSizes,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectOk(await listMembers(ctx, { pageSize: '0' }), atMost(100)),
  },
  {
    id: 'pagination.page-size-negative',
    assumption: pageSizes,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectInvalidArgument(await listMembers(ctx, { pageSize: '-1' })),
  },
  {
    id: 'pagination.page-size-non-integer',
    assumption: pageSizes,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectInvalidArgument(await listMembers(ctx, { pageSize: '1.5' })),
  },
  {
    id: 'pagination.last-page-without-token',
    assumption: pagination('The last page has no `nextPageToken`'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => {
      const res = await listMembers(ctx, {});
      return expectOk(res, (body) => {
        if (membershipsOf(body).length >= 1000) return skipped('1,000 members or more: the first page is not the last');
        return body.nextPageToken ? differs('a page shorter than pageSize carries a nextPageToken') : holds();
      });
    },
  },
  {
    id: 'pagination.empty-result',
    assumption: pagination('an empty result is `{}` (proto3 JSON omits empty fields)'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => {
      // A Chat app is never an Owner, so this matches nothing in any space.
      const res = await listMembers(ctx, { filter: 'member.type = "BOT" AND role = "ROLE_MANAGER"' });
      return expectOk(res, (body) =>
        Object.keys(body).length === 0 ? holds() : differs(`expected {}, got ${res.text.trim().slice(0, 200)}`),
      );
    },
  },
  {
    id: 'pagination.garbage-token',
    assumption: boundTokens,
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectInvalidArgument(await listMembers(ctx, { pageToken: 'contractProbeNotAPageToken' })),
  },
  {
    id: 'pagination.members-token-bound',
    assumption: boundTokens,
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const token = await firstToken(ctx, membersPath(ctx));
      if (typeof token !== 'string') return token;
      return expectInvalidArgument(
        await ctx.call({ path: membersPath(ctx), query: { pageSize: '1', pageToken: token, showInvited: 'true' } }),
      );
    },
  },
  {
    id: 'pagination.page-size-may-change',
    assumption: pagination('`pageSize` may change between pages.'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const token = await firstToken(ctx, membersPath(ctx));
      if (typeof token !== 'string') return token;
      return expectOk(await ctx.call({ path: membersPath(ctx), query: { pageSize: '2', pageToken: token } }));
    },
  },
  {
    id: 'pagination.spaces-token-bound',
    assumption: boundTokens,
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const token = await firstToken(ctx, '/v1/spaces');
      if (typeof token !== 'string') return token;
      return expectInvalidArgument(
        await ctx.call({
          path: '/v1/spaces',
          query: { pageSize: '1', pageToken: token, filter: 'space_type = "SPACE"' },
        }),
      );
    },
  },
];
