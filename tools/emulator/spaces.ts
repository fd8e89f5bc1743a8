/** spaces.list / get / search. */

import type { CallContext } from './context';
import { invalidArgument } from './errors';
import { type Comparison, comparisons, conjuncts, type Expr, parseFilter } from './filter';
import { visibleSpace } from './members';
import { pageSizeOf, paginate } from './pagination';
import { spaceJson } from './serialize';
import type { Space } from './state';

const SPACE_TYPE_VALUES = new Set(['SPACE', 'GROUP_CHAT', 'DIRECT_MESSAGE']);

export function listSpaces(ctx: CallContext): unknown {
  const filterRaw = ctx.query.get('filter') ?? '';
  let types: Set<string> | undefined;
  if (filterRaw) {
    const expr = parseFilter(filterRaw);
    const hasAnd = (e: Expr): boolean => e.kind === 'and' || (e.kind === 'or' && e.items.some(hasAnd));
    if (hasAnd(expr)) throw invalidArgument(`Invalid filter "${filterRaw}": combine space types with OR.`);
    types = new Set(
      comparisons(expr).map((c) => {
        if ((c.field !== 'space_type' && c.field !== 'spaceType') || c.op !== '=' || !SPACE_TYPE_VALUES.has(c.value)) {
          throw invalidArgument(
            `Invalid filter "${filterRaw}": only space_type = "SPACE" | "GROUP_CHAT" | "DIRECT_MESSAGE" is supported.`,
          );
        }
        return c.value;
      }),
    );
  }
  const pageSize = pageSizeOf(ctx.query.get('pageSize'));
  ctx.charge('spaceRead');
  const mine = [...ctx.state.spaces.values()].filter(
    (s) => ctx.state.membershipOf(s, ctx.principal.user)?.state === 'JOINED' && (!types || types.has(s.spaceType)),
  );
  const { page, nextPageToken } = paginate(mine, pageSize, ctx.query.get('pageToken'), { filter: filterRaw });
  return withPage(
    'spaces',
    page.map((s) => spaceJson(ctx.state, s, ctx.encoding, showsPermissions(ctx, s))),
    nextPageToken,
  );
}

/** Apps read permissionSettings only with an approved `chat.app.spaces` scope, in spaces they created (spaces.get). */
const showsPermissions = (ctx: CallContext, space: Space) =>
  !ctx.app || (ctx.app.manage && space.createdByApp === ctx.principal.user);

export function getSpace(ctx: CallContext, spaceId: string): unknown {
  const space = visibleSpace(ctx, spaceId);
  ctx.charge('spaceRead', space.name);
  return spaceJson(ctx.state, space, ctx.encoding, showsPermissions(ctx, space));
}

const ORDER_FIELDS: Record<string, (s: Space, ctx: CallContext) => number> = {
  'membership_count.joined_direct_human_user_count': (s, ctx) =>
    [...s.memberships.values()].filter(
      (m) => m.state === 'JOINED' && m.member && ctx.state.users.get(m.member)?.type !== 'BOT',
    ).length,
  last_active_time: (s) => Date.parse(s.lastActiveTime),
  create_time: (s) => Date.parse(s.createTime),
};

/** Word-prefix match, case-insensitive: "Fun Eve" matches "Fun event" but not "notFun event" (per the reference). */
function displayNameHas(displayName: string, text: string): boolean {
  const words = displayName
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => words.some((word) => word.startsWith(token)));
}

function searchPredicate(cmp: Comparison, raw: string): (s: Space) => boolean {
  const bad = (why: string) => invalidArgument(`Invalid query "${raw}": ${why}`);
  switch (cmp.field) {
    case 'customer':
      if (cmp.op !== '=' || cmp.value !== 'customers/my_customer')
        throw bad('customer must be "customers/my_customer".');
      return () => true;
    case 'space_type':
    case 'spaceType':
      if (cmp.op !== '=' || cmp.value !== 'SPACE') throw bad('space_type must be "SPACE".');
      return (s) => s.spaceType === 'SPACE';
    case 'display_name':
    case 'displayName':
      if (cmp.op !== ':') throw bad('display_name supports only the HAS (:) operator.');
      return (s) => displayNameHas(s.displayName ?? '', cmp.value);
    case 'external_user_allowed':
    case 'externalUserAllowed':
      if (cmp.op !== '=' || (cmp.value !== 'true' && cmp.value !== 'false'))
        throw bad('external_user_allowed takes = true or = false.');
      return (s) => s.externalUserAllowed === (cmp.value === 'true');
    case 'create_time':
    case 'createTime':
    case 'last_active_time':
    case 'lastActiveTime': {
      const bound = Date.parse(cmp.value);
      if (Number.isNaN(bound) || cmp.op === ':' || cmp.op === '!=')
        throw bad(`${cmp.field} takes =, <, >, <=, >= and a timestamp.`);
      const key = cmp.field.startsWith('create') ? 'createTime' : 'lastActiveTime';
      return (s) => compare(Date.parse(s[key]), cmp.op, bound);
    }
    default:
      throw bad(`unsupported field "${cmp.field}".`);
  }
}

function compare(a: number, op: string, b: number): boolean {
  if (op === '=') return a === b;
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

export function searchSpaces(ctx: CallContext): unknown {
  if (!ctx.adminAccess) throw invalidArgument('spaces.search requires useAdminAccess=true.');
  const raw = ctx.query.get('query') ?? '';
  if (!raw.trim()) throw invalidArgument('query is required.');
  const expr = parseFilter(raw, 'query');
  if (expr.kind === 'or' || (expr.kind === 'and' && expr.items.some((i) => i.kind !== 'cmp'))) {
    throw invalidArgument(`Invalid query "${raw}": only AND is supported.`);
  }
  const parts = conjuncts(expr) as Comparison[];
  if (!parts.some((c) => c.field === 'customer'))
    throw invalidArgument(`Invalid query "${raw}": customer is required.`);
  if (!parts.some((c) => c.field === 'space_type' || c.field === 'spaceType')) {
    throw invalidArgument(`Invalid query "${raw}": space_type is required.`);
  }
  const predicates = parts.map((c) => searchPredicate(c, raw));
  const orderRaw = (ctx.query.get('orderBy') ?? '').trim();
  const [orderField = 'create_time', direction = 'ASC', ...rest] = orderRaw ? orderRaw.split(/\s+/) : [];
  const orderKey = ORDER_FIELDS[orderField];
  if (!orderKey || (direction !== 'ASC' && direction !== 'DESC') || rest.length > 0) {
    throw invalidArgument(`Invalid order_by "${orderRaw}".`);
  }
  const pageSize = pageSizeOf(ctx.query.get('pageSize'));
  ctx.charge('spaceRead');
  const sign = direction === 'DESC' ? -1 : 1;
  const found = [...ctx.state.spaces.values()]
    .filter((s) => predicates.every((p) => p(s)))
    .sort((a, b) => sign * (orderKey(a, ctx) - orderKey(b, ctx)));
  const { page, nextPageToken } = paginate(found, pageSize, ctx.query.get('pageToken'), {
    query: raw,
    orderBy: orderRaw,
  });
  const spaces = page.map((s) => spaceJson(ctx.state, s, ctx.encoding));
  // Revision 20260920 answers `results[].space` and still fills the deprecated `spaces`: clients may read either.
  const body = withPage('spaces', spaces, nextPageToken);
  if (spaces.length > 0) body.results = spaces.map((space) => ({ space }));
  if (found.length > 0) body.totalSize = found.length;
  return body;
}

function withPage(key: string, items: unknown[], nextPageToken: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (items.length > 0) body[key] = items;
  if (nextPageToken) body.nextPageToken = nextPageToken;
  return body;
}
