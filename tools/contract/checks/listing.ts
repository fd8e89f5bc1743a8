/** What lists and reads show: spaces.list, space fields, member counts and profiles, aliases, enum encodings. */

import { all, type Check, differs, expectError, expectOk, holds, labelled, type Outcome, skipped } from '../check';
import { apiPath, emailSegment, isMembership, type MembershipJson } from '../facts';
import { emulatorReadme, INT_ENUMS, listing, roleChanges } from './refs';

const SPACE_TYPE_NUMBERS: Record<string, number> = { SPACE: 1, GROUP_CHAT: 2, DIRECT_MESSAGE: 3 };
const SPACES_PAGES = 3;

const isJoinedHuman = (m: MembershipJson) => m.state === 'JOINED' && m.member?.type === 'HUMAN';

export const listingChecks: Check[] = [
  {
    id: 'spaces.list-includes-joined-space',
    assumption: listing("`spaces.list` returns only spaces where the caller's membership is JOINED (not INVITED)."),
    mode: 'read',
    maxRequests: SPACES_PAGES,
    run: async (ctx) => {
      const type = ctx.facts.space.spaceType;
      let pageToken = '';
      for (let page = 0; page < SPACES_PAGES; page++) {
        const query: Record<string, string> = { pageSize: '1000' };
        if (typeof type === 'string') query.filter = `space_type = "${type}"`;
        if (pageToken) query.pageToken = pageToken;
        const res = await ctx.call({ path: '/v1/spaces', query });
        const ok = expectOk(res);
        if (ok.result !== 'holds') return ok;
        const body = res.json as { spaces?: { name?: string }[]; nextPageToken?: string };
        if ((body.spaces ?? []).some((s) => s.name === ctx.space)) return holds();
        pageToken = body.nextPageToken ?? '';
        if (!pageToken) return differs(`${ctx.space}, which this token reads, is not in spaces.list`);
      }
      return skipped(`more than ${SPACES_PAGES * 1000} spaces: ${ctx.space} not found in the pages read`);
    },
  },
  {
    id: 'spaces.deprecated-fields',
    assumption: listing('Space responses always carry the deprecated `type` (`ROOM`/`DM`)'),
    mode: 'read',
    maxRequests: 0,
    run: async (ctx) => {
      const s = ctx.facts.space;
      const dm = s.spaceType === 'DIRECT_MESSAGE';
      const expected = {
        type: dm ? 'DM' : 'ROOM',
        spaceThreadingState: s.spaceType === 'SPACE' ? 'THREADED_MESSAGES' : 'UNTHREADED_MESSAGES',
        spaceHistoryState: 'HISTORY_ON',
      };
      const wrong = Object.entries(expected).filter(([key, value]) => s[key] !== value);
      if (wrong.length === 0) return holds();
      return differs(wrong.map(([key, value]) => `${key} is ${JSON.stringify(s[key])}, not ${value}`).join('; '));
    },
  },
  {
    id: 'spaces.membership-count',
    assumption: listing('`membershipCount` counts JOINED human users (not bots, not invitees) and JOINED groups.'),
    mode: 'read',
    maxRequests: 0,
    run: async (ctx) => {
      if (!ctx.facts.membersComplete) return skipped('the space has more members than the pages read');
      if (ctx.facts.memberships.length === 0) return skipped('members.list showed nobody: nothing to count');
      const counts = (ctx.facts.space.membershipCount ?? {}) as Record<string, unknown>;
      const humans = ctx.facts.memberships.filter(isJoinedHuman).length;
      const groups = ctx.facts.memberships.filter((m) => m.state === 'JOINED' && m.groupMember).length;
      const shown = {
        humans: Number(counts.joinedDirectHumanUserCount ?? 0),
        groups: Number(counts.joinedGroupCount ?? 0),
      };
      if (shown.humans === humans && shown.groups === groups) return holds();
      return differs(
        `membershipCount says ${shown.humans} humans and ${shown.groups} groups; members.list shows ${humans} joined humans and ${groups} joined groups`,
      );
    },
  },
  {
    id: 'members.profiles-shown',
    assumption: listing('With user authentication, `displayName` and `email` of every member are shown'),
    mode: 'read',
    maxRequests: 0,
    run: async (ctx) => {
      const humans = ctx.facts.memberships.filter(isJoinedHuman);
      if (humans.length === 0) return skipped('no joined human member listed');
      const bare = humans.filter((m) => !m.member?.displayName || !m.member?.email);
      if (bare.length === 0) return holds();
      return differs(
        `${bare.length} of ${humans.length} joined humans lack displayName or email, e.g. ${bare[0]?.name}`,
      );
    },
  },
  {
    id: 'members.app-alias-with-user-auth',
    assumption: roleChanges('with user authentication it is 404 like any unknown member'),
    mode: 'read',
    maxRequests: 1,
    run: async (ctx) => expectError(await ctx.call({ path: `${apiPath(ctx.space)}/members/app` }), 404, 'NOT_FOUND'),
  },
  {
    id: 'members.email-alias-get',
    assumption: roleChanges('is accepted on PATCH as well as GET, case-insensitively'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const target = [ctx.facts.named, ...ctx.facts.memberships].find(
        (m): m is MembershipJson => !!m && isJoinedHuman(m) && !!m.member?.email,
      );
      const email = target?.member?.email;
      if (!target || !email) return skipped('no joined member with a visible email');
      const outcomes: Outcome[] = [];
      for (const alias of [email, email.toUpperCase()]) {
        const res = await ctx.call({ path: `${apiPath(ctx.space)}/members/${emailSegment(alias)}` });
        outcomes.push(
          labelled(
            `GET members/${alias}`,
            expectOk(res, (body) => sameMembership(body, target)),
          ),
        );
      }
      return all(...outcomes);
    },
  },
  {
    id: 'enums.int-encoding',
    assumption: emulatorReadme('string and numeric enum encodings (`$alt=json;enum-encoding=int`)'),
    mode: 'read',
    maxRequests: 2,
    run: async (ctx) => {
      const type = ctx.facts.space.spaceType;
      if (typeof type !== 'string') return differs(`spaceType is ${JSON.stringify(type)} without enum-encoding=int`);
      const space = await ctx.call({ path: apiPath(ctx.space), query: INT_ENUMS });
      const spaceOutcome = expectOk(space, (body) =>
        body.spaceType === SPACE_TYPE_NUMBERS[type]
          ? holds()
          : differs(`spaceType ${JSON.stringify(body.spaceType)}, expected ${SPACE_TYPE_NUMBERS[type]} (${type})`),
      );
      const members = await ctx.call({
        path: `${apiPath(ctx.space)}/members`,
        query: { ...INT_ENUMS, pageSize: '20' },
      });
      const membersOutcome = expectOk(members, (body) => {
        const list = Array.isArray(body.memberships) ? body.memberships.filter(isMembership) : [];
        const bad = list.find(
          (m) =>
            typeof m.state !== 'number' ||
            (m.role !== undefined && typeof m.role !== 'number') ||
            (m.member !== undefined && typeof m.member.type !== 'number'),
        );
        return bad ? differs(`not numbers: ${JSON.stringify(bad)}`) : holds();
      });
      return all(labelled('GET space', spaceOutcome), labelled('members.list', membersOutcome));
    },
  },
];

function sameMembership(body: Record<string, unknown>, target: MembershipJson): Outcome {
  const member = body.member as { name?: unknown } | undefined;
  if (body.name !== target.name || member?.name !== target.member?.name) {
    return differs(`answered ${JSON.stringify(body.name)} / ${JSON.stringify(member?.name)}, expected ${target.name}`);
  }
  return holds();
}
