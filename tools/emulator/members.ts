/** spaces.members.list / get / patch with the documented permission rules. */

import type { CallContext } from './context';
import { MEMBERSHIP_ROLES, type MembershipRole, parseEnum } from './enums';
import { ApiError, invalidArgument, notFound, permissionDenied } from './errors';
import { type Comparison, comparisons, conjuncts, type Expr, evaluate, parseFilter } from './filter';
import { pageSizeOf, paginate } from './pagination';
import { mayManageMembers } from './permission-settings';
import { membershipJson } from './serialize';
import type { Membership, Space } from './state';

const ROLE_FILTER_VALUES = new Set(['ROLE_MEMBER', 'ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER']);
const TYPE_FILTER_VALUES = new Set(['HUMAN', 'BOT']);

/** Validates a members.list filter the way the API does: known fields, `!=` only on member.type, AND across fields. */
function parseMembersFilter(raw: string): Expr {
  const expr = parseFilter(raw);
  const check = (cmp: Comparison) => {
    if (cmp.field === 'role') {
      if (cmp.op !== '=') throw invalidArgument(`Invalid filter "${raw}": role supports only the = operator.`);
      if (!ROLE_FILTER_VALUES.has(cmp.value))
        throw invalidArgument(`Invalid filter "${raw}": unknown role "${cmp.value}".`);
    } else if (cmp.field === 'member.type') {
      if (cmp.op !== '=' && cmp.op !== '!=')
        throw invalidArgument(`Invalid filter "${raw}": member.type supports = and !=.`);
      if (!TYPE_FILTER_VALUES.has(cmp.value))
        throw invalidArgument(`Invalid filter "${raw}": unknown member type "${cmp.value}".`);
    } else {
      throw invalidArgument(`Invalid filter "${raw}": only role and member.type can be filtered.`);
    }
  };
  comparisons(expr).forEach(check);
  const sameFieldAnd = (e: Expr): boolean => {
    if (e.kind === 'cmp') return false;
    if (e.kind === 'and') {
      const fields = e.items.filter((i): i is Comparison => i.kind === 'cmp').map((i) => i.field);
      if (new Set(fields).size !== fields.length) return true;
    }
    return e.items.some(sameFieldAnd);
  };
  if (sameFieldAnd(expr)) throw invalidArgument(`Invalid filter "${raw}": a field can appear only once in an AND.`);
  return expr;
}

function matches(ctx: CallContext, m: Membership, expr: Expr): boolean {
  const type = m.member ? (ctx.state.users.get(m.member)?.type ?? 'HUMAN') : undefined;
  return evaluate(expr, (cmp) => {
    const actual = cmp.field === 'role' ? m.role : type;
    return cmp.op === '=' ? actual === cmp.value : actual !== cmp.value;
  });
}

const requiresHumanFilter = (expr: Expr) =>
  conjuncts(expr).some(
    (c) =>
      c.kind === 'cmp' &&
      c.field === 'member.type' &&
      ((c.op === '=' && c.value === 'HUMAN') || (c.op === '!=' && c.value === 'BOT')),
  );

/**
 * The space, if the caller may see it: any space with admin access, otherwise only spaces the caller has joined.
 * A Chat app with an approved `chat.app.*` scope reaches only spaces it created (and is still a member of): any
 * other existing space is 403. With `chat.bot` it reaches the spaces it is a member of, like a user.
 */
export function visibleSpace(ctx: CallContext, spaceId: string): Space {
  const space = ctx.state.spaces.get(`spaces/${spaceId}`);
  if (!space) throw notFound('Requested entity was not found.');
  if (ctx.adminAccess) return space;
  const joined = ctx.state.membershipOf(space, ctx.principal.user)?.state === 'JOINED';
  if (ctx.app) {
    const created = space.createdByApp === ctx.principal.user;
    if (ctx.app.manage && created && joined) return space;
    if (ctx.app.bot && joined) return space;
    if (ctx.app.manage) {
      throw permissionDenied(
        created
          ? 'The Chat app is no longer a member of this space.'
          : 'With app authentication and administrator approval, a Chat app can only manage spaces it created.',
      );
    }
    throw notFound('Requested entity was not found.');
  }
  if (!joined) throw notFound('Requested entity was not found.');
  return space;
}

/** Profiles (displayName, email) are shown to users who share the space; not with admin access or to apps. */
const view = (ctx: CallContext) => ({ showProfile: !ctx.adminAccess && !ctx.app, encoding: ctx.encoding });

export function listMembers(ctx: CallContext, spaceId: string): unknown {
  const q = ctx.query;
  const filterRaw = q.get('filter') ?? '';
  const expr = filterRaw ? parseMembersFilter(filterRaw) : undefined;
  if (ctx.adminAccess && !(expr && requiresHumanFilter(expr))) {
    throw invalidArgument(
      'When useAdminAccess is true, the filter must include member.type = "HUMAN" or member.type != "BOT".',
    );
  }
  const showGroups = booleanParam(q, 'showGroups');
  // Documented as "Currently requires user authentication": an app's showInvited=true is ignored (validated, then
  // read as false), so an app never sees invited members (ASSUMPTIONS.md § App authentication).
  const showInvited = booleanParam(q, 'showInvited') && !ctx.app;
  const pageSize = pageSizeOf(q.get('pageSize'));
  const space = visibleSpace(ctx, spaceId);
  ctx.charge('membershipRead', space.name);

  const all = [...space.memberships.values()].filter((m) => {
    if (m.groupMember && !showGroups) return false;
    if (m.state === 'INVITED' && !showInvited) return false;
    if (m.state === 'NOT_A_MEMBER') return false;
    // Admin access and app authentication both leave Chat app memberships out (the app's own included).
    if ((ctx.adminAccess || ctx.app) && m.member && ctx.state.users.get(m.member)?.type === 'BOT') return false;
    return expr ? matches(ctx, m, expr) : true;
  });
  const { page, nextPageToken } = paginate(all, pageSize, q.get('pageToken'), {
    parent: space.name,
    filter: filterRaw,
    showGroups: String(showGroups),
    showInvited: String(showInvited),
    useAdminAccess: String(ctx.adminAccess),
  });
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.memberships = page.map((m) => membershipJson(ctx.state, m, view(ctx)));
  if (nextPageToken) body.nextPageToken = nextPageToken;
  return body;
}

function findMembership(ctx: CallContext, space: Space, memberPart: string): Membership {
  // `spaces/S/members/app` is the calling app's own membership (app authentication only).
  const part = memberPart === 'app' && ctx.app ? ctx.principal.user.slice('users/'.length) : memberPart;
  const found = ctx.state.findMembership(space, part);
  if (!found || found.state === 'NOT_A_MEMBER') throw notFound('Requested entity was not found.');
  return found;
}

export function getMember(ctx: CallContext, spaceId: string, memberPart: string): unknown {
  const space = visibleSpace(ctx, spaceId);
  ctx.charge('membershipRead', space.name);
  return membershipJson(ctx.state, findMembership(ctx, space, memberPart), view(ctx));
}

export const MEMBERSHIP_FIELDS = new Set([
  'name',
  'state',
  'role',
  'member',
  'groupMember',
  'createTime',
  'deleteTime',
  'affiliation',
]);

function parsePatchBody(raw: string): MembershipRole {
  let body: unknown;
  try {
    body = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw invalidArgument('Invalid JSON payload received. Unexpected token.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object for membership.');
  }
  for (const key of Object.keys(body)) {
    if (!MEMBERSHIP_FIELDS.has(key)) {
      throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}" at 'membership': Cannot find field.`);
    }
  }
  const rawRole = (body as { role?: unknown }).role;
  if (rawRole === undefined) return 'MEMBERSHIP_ROLE_UNSPECIFIED';
  const role = parseEnum(MEMBERSHIP_ROLES, rawRole);
  if (!role) {
    throw invalidArgument(
      `Invalid value at 'membership.role' (type.googleapis.com/google.chat.v1.Membership.MembershipRole), ${JSON.stringify(rawRole)}`,
    );
  }
  return role;
}

function parseUpdateMask(raw: string | null): void {
  if (raw === null || raw.trim() === '') throw invalidArgument('update_mask is required.');
  for (const path of raw.split(',').map((p) => p.trim())) {
    if (path !== 'role' && path !== '*')
      throw invalidArgument(`Invalid update_mask path "${path}": only "role" can be updated.`);
  }
}

export function patchMember(ctx: CallContext, spaceId: string, memberPart: string): unknown {
  parseUpdateMask(ctx.query.get('updateMask'));
  const role = parsePatchBody(ctx.body);
  if (role === 'MEMBERSHIP_ROLE_UNSPECIFIED') throw invalidArgument('Membership role must be specified.');
  const space = visibleSpace(ctx, spaceId);
  const target = findMembership(ctx, space, memberPart);
  ctx.charge('membershipWrite', space.name);

  if (target.groupMember) throw invalidArgument('Google Group memberships have no role that can be changed.');
  if (ctx.state.users.get(target.member ?? '')?.type === 'BOT')
    throw invalidArgument("A Chat app's membership role can't be changed.");
  if (space.spaceType !== 'SPACE' && role !== 'ROLE_MEMBER') {
    throw invalidArgument(
      `${role} is only supported in named spaces (spaceType SPACE); this space is a ${space.spaceType}.`,
    );
  }
  // An app managing a space it created is not a space manager, but its approved scope lets it change any role.
  if (!ctx.adminAccess && !ctx.app) {
    const caller = ctx.state.membershipOf(space, ctx.principal.user);
    const callerRole = caller?.role;
    if (callerRole !== 'ROLE_MANAGER' && callerRole !== 'ROLE_ASSISTANT_MANAGER') {
      throw permissionDenied('The caller does not have permission to change membership roles in this space.');
    }
    if (!mayManageMembers(space.permissionSettings, callerRole)) {
      throw permissionDenied(
        "The caller does not have permission to manage members in this space: the space's settings let only owners manage members.",
      );
    }
    if (callerRole === 'ROLE_ASSISTANT_MANAGER' && role === 'ROLE_MANAGER') {
      throw permissionDenied('A space manager cannot make another member an owner.');
    }
    if (callerRole === 'ROLE_ASSISTANT_MANAGER' && target.role === 'ROLE_MANAGER') {
      throw permissionDenied("A space manager cannot change an owner's role.");
    }
  }
  if (target.role === 'ROLE_MANAGER' && target.state === 'JOINED' && role !== 'ROLE_MANAGER') {
    // Only joined owners count: an invited owner cannot run the space, and demoting one never leaves it ownerless.
    const otherOwners = [...space.memberships.values()].filter(
      (m) => m !== target && m.role === 'ROLE_MANAGER' && m.state === 'JOINED',
    );
    if (otherOwners.length === 0) {
      throw new ApiError(
        'FAILED_PRECONDITION',
        'The space must have at least one owner: name another owner before changing this role.',
      );
    }
  }
  // Hostile-answer mode: every check passed and the quota was charged, but the write is silently dropped.
  if (!ctx.keepRoles) target.role = role;
  return membershipJson(ctx.state, target, view(ctx));
}

export function booleanParam(q: URLSearchParams, name: string): boolean {
  const raw = q.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalidArgument(
    `Invalid value at '${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}' (TYPE_BOOL), "${raw}"`,
  );
}
