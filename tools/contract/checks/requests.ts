/** Credentials, the order in which the API checks a request, and resource names: nothing here can change data. */

import {
  type Check,
  describe as describeAnswer,
  differs,
  errorInfoReasons,
  expectError,
  expectInvalidArgument,
  holds,
  labelled,
  skipped,
} from '../check';
import { apiPath } from '../facts';
import { authentication, NO_SUCH_MEMBER, NO_SUCH_SPACE, orderOfChecks, resourceNames } from './refs';

/** A GET of the space without the person's token: 401 with the ErrorInfo reason the emulator gives. */
const unauthenticated = (id: string, auth: 'none' | 'bogus', quote: string, reason: string): Check => ({
  id,
  assumption: authentication(quote),
  mode: 'read',
  maxRequests: 1,
  run: async (ctx) => expectError(await ctx.call({ path: apiPath(ctx.space), auth }), 401, 'UNAUTHENTICATED', reason),
});

export const requestChecks: Check[] = [
  unauthenticated(
    'auth.missing-token',
    'none',
    'Missing → 401 with ErrorInfo `CREDENTIALS_MISSING`',
    'CREDENTIALS_MISSING',
  ),
  unauthenticated(
    'auth.unknown-token',
    'bogus',
    'unknown or expired → 401 with `ACCESS_TOKEN_EXPIRED`',
    'ACCESS_TOKEN_EXPIRED',
  ),
  {
    id: 'auth.token-in-query',
    assumption: authentication('`?access_token=` and `?oauth_token=` are accepted'),
    mode: 'read',
    maxRequests: 0,
    run: async () => skipped('not sent: a token in a URL can end up in proxy and server logs'),
  },
  {
    id: 'order.unknown-url',
    assumption: orderOfChecks('Unknown URL or unsupported HTTP method → 404'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectStatus(await ctx.call({ path: '/v1/contractProbeUnknownCollection' }), 404),
  },
  {
    id: 'order.unsupported-method',
    assumption: orderOfChecks('Unknown URL or unsupported HTTP method → 404'),
    mode: 'read',
    maxRequests: 1,
    // PUT is mapped to no Chat method, and the membership does not exist: nothing can be changed by it.
    run: async (ctx) =>
      expectStatus(
        await ctx.call({ method: 'PUT', path: `${apiPath(ctx.space)}/members/${NO_SUCH_MEMBER}`, body: '{}' }),
        404,
      ),
  },
  {
    id: 'order.credentials-before-syntax',
    assumption: orderOfChecks('401 (missing/unknown token) → 403 scope'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) =>
      expectError(
        await ctx.call({ path: `${apiPath(ctx.space)}/members`, query: { contractProbe: '1' }, auth: 'none' }),
        401,
        'UNAUTHENTICATED',
      ),
  },
  {
    id: 'order.syntax-before-not-found',
    assumption: orderOfChecks('400 request syntax (resource-name segments, unknown query parameters'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const list = await ctx.call({ path: `${apiPath(NO_SUCH_SPACE)}/members`, query: { contractProbe: '1' } });
      const listOutcome = labelled('list with an unknown parameter', expectInvalidArgument(list));
      if (listOutcome.result !== 'holds') return listOutcome;
      const patch = await ctx.call({
        method: 'PATCH',
        path: `${apiPath(ctx.space)}/members/${NO_SUCH_MEMBER}`,
        body: '{"role":"ROLE_MEMBER"}',
      });
      return labelled('PATCH without updateMask', expectInvalidArgument(patch));
    },
  },
  {
    id: 'order.not-found-before-permission',
    assumption: orderOfChecks('404 (space or membership the caller cannot see)'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) =>
      expectError(
        await ctx.call({
          method: 'PATCH',
          path: `${apiPath(ctx.space)}/members/${NO_SUCH_MEMBER}`,
          query: { updateMask: 'role' },
          body: '{"role":"ROLE_MEMBER"}',
        }),
        404,
        'NOT_FOUND',
      ),
  },
  {
    id: 'order.malformed-admin-access',
    assumption: orderOfChecks(
      'A malformed `useAdminAccess` (e.g. `maybe`) is checked against the user scopes first, then rejected with 400.',
    ),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) =>
      expectInvalidArgument(await ctx.call({ path: apiPath(ctx.space), query: { useAdminAccess: 'maybe' } })),
  },
  {
    id: 'order.admin-access-refused',
    assumption: orderOfChecks(
      '403 scope (`ACCESS_TOKEN_SCOPE_INSUFFICIENT`; the scope set is chosen by `useAdminAccess=true`) → 403 admin privilege (useAdminAccess by a non-administrator, no ErrorInfo)',
    ),
    mode: 'member',
    maxRequests: 1,
    run: async (ctx) => {
      const res = await ctx.call({
        path: `${apiPath(ctx.space)}/members`,
        query: { useAdminAccess: 'true', filter: 'member.type = "HUMAN"' },
      });
      if (res.status === 200) return skipped('this token has administrator access: run with --admin');
      const refused = expectError(res, 403, 'PERMISSION_DENIED');
      if (refused.result !== 'holds') return refused;
      const reasons = errorInfoReasons(res);
      if (reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT')) return holds('refused at the scope check');
      if (reasons.length === 0) return holds('refused at the administrator check');
      return differs(`403 with ErrorInfo ${reasons.join(', ')}: ${describeAnswer(res)}`);
    },
  },
  ...[
    ['names.dot-segment', '..'],
    ['names.encoded-slash', 'contract%2Fprobe'],
    ['names.bad-percent-escape', 'contract%ZZprobe'],
  ].map(
    ([id, segment]): Check => ({
      id: id as string,
      assumption: resourceNames(
        '`.` and `..` segments, encoded slashes and bad percent-escapes → 400 `INVALID_ARGUMENT`',
      ),
      mode: 'read',
      maxRequests: 1,
      run: async (ctx) => expectInvalidArgument(await ctx.call({ path: `${apiPath(ctx.space)}/members/${segment}` })),
    }),
  ),
];

/** For answers whose body Google does not promise (its front end answers unknown URLs with HTML). */
function expectStatus(res: { status: number; text: string; json: unknown }, status: number) {
  return res.status === status ? holds() : differs(`expected HTTP ${status}, got ${describeAnswer(res)}`);
}
