/**
 * With --write: PATCHes that may change the role of the membership the person named. Every one of them reads the
 * role back afterwards and puts the original role back if it changed; a failed restore is reported loudly.
 */

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
import { apiPath, emailSegment, type MembershipJson } from '../facts';
import { INT_ENUMS, quotas, roleChanges } from './refs';

export const RESTORE_FAILED = 'RESTORE FAILED';
/** GET, PATCH, GET: what restoring a role may take. */
const RESTORE_REQUESTS = 3;
const ROLE_NUMBERS: Record<string, number> = { ROLE_MEMBER: 1, ROLE_MANAGER: 2, ROLE_ASSISTANT_MANAGER: 4 };
const CHANGEABLE = ['ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER'];

type Named = MembershipJson & { role: string };

/** The named membership, if it is one the suite may change: a human Member or Manager (never an Owner). */
function writable(ctx: CheckContext): Named | string {
  const named = ctx.facts.named;
  if (!named) return 'needs --member';
  if (named.member?.type !== 'HUMAN' || !named.role || !CHANGEABLE.includes(named.role)) {
    return `${named.name} is not a human Member or Manager (the suite never changes an Owner)`;
  }
  return named as Named;
}

const patchRole = (ctx: CheckContext, name: string, role: string | number, query: Record<string, string> = {}) =>
  ctx.call({
    method: 'PATCH',
    path: apiPath(name),
    query: { updateMask: 'role', ...query },
    body: JSON.stringify({ role }),
  });

/** Puts `role` back on `name` if it is not there; undefined when the role is (again) what it was. */
async function ensureRole(ctx: CheckContext, name: string, role: string): Promise<string | undefined> {
  try {
    const roleNow = async () => (await ctx.call({ path: apiPath(name) })).json as { role?: unknown } | undefined;
    if ((await roleNow())?.role === role) return undefined;
    await patchRole(ctx, name, role);
    const after = (await roleNow())?.role;
    if (after === role) return undefined;
    return `${name} is ${JSON.stringify(after)}: set it back to ${role} by hand`;
  } catch (e) {
    return `could not confirm the role of ${name} (${(e as Error).message}): check it is ${role}`;
  }
}

/** Runs a write check, then restores the named membership's role whatever happened. */
function restoring(run: (ctx: CheckContext, named: Named) => Promise<Outcome>): Check['run'] {
  return async (ctx) => {
    const named = writable(ctx);
    if (typeof named === 'string') return skipped(named);
    let outcome: Outcome | undefined;
    let thrown: unknown;
    try {
      outcome = await run(ctx, named);
    } catch (e) {
      thrown = e;
    }
    const failure = await ensureRole(ctx, named.name, named.role);
    if (failure) return differs(`${RESTORE_FAILED}: ${failure}`);
    if (thrown) throw thrown;
    return outcome as Outcome;
  };
}

const roleIs = (expected: unknown) => (body: Record<string, unknown>) =>
  body.role === expected
    ? holds()
    : differs(`answered role ${JSON.stringify(body.role)}, expected ${JSON.stringify(expected)}`);

export const writeChecks: Check[] = [
  {
    id: 'patch.role-change',
    assumption: roleChanges('Roles are accepted as names or proto numbers (`1`, `2`, `4`)'),
    mode: 'write',
    maxRequests: 3 + RESTORE_REQUESTS,
    run: restoring(async (ctx, named) => {
      const other = named.role === 'ROLE_MEMBER' ? 'ROLE_ASSISTANT_MANAGER' : 'ROLE_MEMBER';
      const changed = labelled(`to ${other} by name`, expectOk(await patchRole(ctx, named.name, other), roleIs(other)));
      if (changed.result !== 'holds') return changed;
      const read = labelled('read back', expectOk(await ctx.call({ path: apiPath(named.name) }), roleIs(other)));
      const number = ROLE_NUMBERS[named.role] as number;
      const back = await patchRole(ctx, named.name, number, INT_ENUMS);
      return all(read, labelled(`back to ${number} with enum-encoding=int`, expectOk(back, roleIs(number))));
    }),
  },
  {
    id: 'patch.update-mask-star',
    assumption: roleChanges('`*` changes only the role'),
    mode: 'write',
    maxRequests: 1 + RESTORE_REQUESTS,
    run: restoring(async (ctx, named) =>
      expectOk(await patchRole(ctx, named.name, named.role, { updateMask: '*' }), roleIs(named.role)),
    ),
  },
  {
    id: 'patch.membership-field-names',
    assumption: roleChanges('any Membership field name is accepted'),
    mode: 'write',
    maxRequests: 1 + RESTORE_REQUESTS,
    run: restoring(async (ctx, named) => {
      const res = await ctx.call({
        method: 'PATCH',
        path: apiPath(named.name),
        query: { updateMask: 'role' },
        body: JSON.stringify({ name: named.name, role: named.role }),
      });
      return expectOk(res, roleIs(named.role));
    }),
  },
  {
    id: 'patch.email-alias',
    assumption: roleChanges('is accepted on PATCH as well as GET, case-insensitively'),
    mode: 'write',
    maxRequests: 1 + RESTORE_REQUESTS,
    run: restoring(async (ctx, named) => {
      const email = named.member?.email;
      if (!email) return skipped(`${named.name} shows no email`);
      const space = named.name.slice(0, named.name.indexOf('/members/'));
      const res = await patchRole(ctx, `${space}/members/${emailSegment(email)}`, named.role);
      return expectOk(res, (body) =>
        body.name === named.name ? holds() : differs(`answered ${JSON.stringify(body.name)}, expected ${named.name}`),
      );
    }),
  },
  {
    id: 'patch.role-unknown-number',
    assumption: roleChanges('a number in a string (`"2"`) or an unknown number (`3`) → 400'),
    mode: 'write',
    maxRequests: 1 + RESTORE_REQUESTS,
    run: restoring(async (ctx, named) => expectInvalidArgument(await patchRole(ctx, named.name, 3))),
  },
  {
    id: 'patch.bot-refused',
    assumption: roleChanges("Changing a BOT's (Chat app's) role: 400 `INVALID_ARGUMENT`."),
    mode: 'write',
    maxRequests: 1,
    run: async (ctx) => {
      const bot = ctx.facts.memberships.find((m) => m.member?.type === 'BOT' && m.state === 'JOINED');
      if (!bot) return skipped('no Chat app in the space');
      // The role it already has: were the PATCH accepted, nothing would change.
      return expectInvalidArgument(await patchRole(ctx, bot.name, bot.role ?? 'ROLE_MEMBER'));
    },
  },
  {
    id: 'patch.invited-allowed',
    assumption: roleChanges('Patching an INVITED membership: allowed; the response keeps `state: INVITED`.'),
    mode: 'write',
    maxRequests: 1,
    run: async (ctx) => {
      const invited = ctx.facts.memberships.find((m) => m.state === 'INVITED' && m.member?.type === 'HUMAN' && m.role);
      if (!invited?.role) return skipped('no invited person in the space');
      const res = await patchRole(ctx, invited.name, invited.role);
      return expectOk(res, (body) =>
        body.state === 'INVITED' ? holds() : differs(`answered state ${JSON.stringify(body.state)}`),
      );
    },
  },
  {
    id: 'patch.last-owner',
    assumption: roleChanges('Demoting the last Owner'),
    mode: 'write',
    maxRequests: 0,
    run: async () => skipped('not sent: if Google allowed it, the space would be left without an Owner'),
  },
  {
    id: 'patch.group-membership',
    assumption: roleChanges('Google Group membership'),
    mode: 'write',
    maxRequests: 0,
    run: async () => skipped('not sent: if Google accepted it, a group would get a role no request can take back'),
  },
  {
    id: 'quota.over-quota-answer',
    assumption: quotas('Over quota → 429 `RESOURCE_EXHAUSTED` with an ErrorInfo `RATE_LIMIT_EXCEEDED`'),
    mode: 'read',
    maxRequests: 0,
    run: async () => skipped("not sent: it takes a burst over the project's quota, which slows every user of it"),
  },
];
