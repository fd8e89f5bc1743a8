/**
 * PATCH requests the API must refuse, sent without --write. Each is aimed at a plain Member (facts.plainMember)
 * with a body that could at worst set the role it already has, and the last check reads the membership back to
 * show nothing changed. With --write, the updateMask probes use a valid no-op body on the named membership instead,
 * so they test the mask itself rather than a body Google refuses anyway.
 */

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
import { apiPath, type MembershipJson } from '../facts';
import { roleChanges } from './refs';

const NO_TARGET = 'no joined human with the Member role in the space to aim the refused PATCHes at';

function patch(ctx: CheckContext, target: MembershipJson, body: string, query: Record<string, string>) {
  return ctx.call({ method: 'PATCH', path: apiPath(target.name), query, body });
}

/** A body the server must refuse, on a plain Member. */
const refusedBody = (id: string, body: string, quote: string): Check => ({
  id,
  assumption: roleChanges(quote),
  mode: 'read',
  maxRequests: 1,
  run: async (ctx) => {
    const target = ctx.facts.plainMember;
    if (!target) return skipped(NO_TARGET);
    return expectInvalidArgument(await patch(ctx, target, body, { updateMask: 'role' }));
  },
});

/** An updateMask the server must refuse: with a valid no-op body under --write, else with a body refused anyway. */
const refusedMask = (id: string, query: Record<string, string>): Check => ({
  id,
  assumption: roleChanges('each path must be `role` or `*`; missing or empty → 400'),
  mode: 'read',
  maxRequests: 1,
  run: async (ctx) => {
    const named = ctx.facts.named;
    if (ctx.write && named?.role) {
      const outcome = expectInvalidArgument(await patch(ctx, named, JSON.stringify({ role: named.role }), query));
      return outcome.result === 'holds' ? holds(`refused with a valid body (the role ${named.name} has)`) : outcome;
    }
    const target = ctx.facts.plainMember;
    if (!target) return skipped(NO_TARGET);
    const outcome = expectInvalidArgument(await patch(ctx, target, '{"role":"MEMBERSHIP_ROLE_UNSPECIFIED"}', query));
    return outcome.result === 'holds'
      ? holds('probed with a body Google must refuse anyway; --write probes the mask with a valid body')
      : outcome;
  },
});

export const patchRefusalChecks: Check[] = [
  refusedMask('patch.update-mask-missing', {}),
  refusedMask('patch.update-mask-empty', { updateMask: '' }),
  refusedMask('patch.update-mask-other-field', { updateMask: 'state' }),
  refusedBody('patch.body-empty', '', 'An empty body, a missing `role`, `MEMBERSHIP_ROLE_UNSPECIFIED` or `0` → 400'),
  refusedBody(
    'patch.body-without-role',
    '{}',
    'An empty body, a missing `role`, `MEMBERSHIP_ROLE_UNSPECIFIED` or `0` → 400',
  ),
  refusedBody(
    'patch.body-role-unspecified',
    '{"role":"MEMBERSHIP_ROLE_UNSPECIFIED"}',
    'An empty body, a missing `role`, `MEMBERSHIP_ROLE_UNSPECIFIED` or `0` → 400',
  ),
  refusedBody(
    'patch.body-role-zero',
    '{"role":0}',
    'An empty body, a missing `role`, `MEMBERSHIP_ROLE_UNSPECIFIED` or `0` → 400',
  ),
  refusedBody('patch.body-unknown-field', '{"contractProbe":true}', 'any other name → 400'),
  refusedBody('patch.body-not-object', '[]', 'A body that is not a JSON object → 400.'),
  // "1" is ROLE_MEMBER: were it read as a number, the plain Member would keep the role it has.
  refusedBody(
    'patch.role-number-in-string',
    '{"role":"1"}',
    'a number in a string (`"2"`) or an unknown number (`3`) → 400',
  ),
  {
    id: 'patch.refusals-changed-nothing',
    assumption: roleChanges('An empty body, a missing `role`, `MEMBERSHIP_ROLE_UNSPECIFIED` or `0` → 400'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => {
      const target = ctx.facts.plainMember;
      if (!target) return skipped(NO_TARGET);
      const res = await ctx.call({ path: apiPath(target.name) });
      return expectOk(
        res,
        (body): Outcome =>
          body.role === 'ROLE_MEMBER'
            ? holds()
            : differs(
                `${target.name} is now ${JSON.stringify(body.role)} after the refused PATCHes: set it back to Member`,
              ),
      );
    },
  },
];
