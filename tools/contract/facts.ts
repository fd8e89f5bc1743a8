/**
 * What the checks need to know about the person's space before probing it: the space, its memberships (a bounded
 * number of pages), the membership named with --member, and a plain Member to aim refused PATCHes at. Reading them
 * is also the preflight: a space the token cannot read makes every check meaningless, so the run stops there.
 */

import { describe } from './check';
import type { ContractHttp } from './http';

export interface MembershipJson {
  name: string;
  state?: string;
  role?: string;
  member?: { name: string; type?: string; displayName?: string; email?: string };
  groupMember?: { name: string };
}

export interface Facts {
  space: Record<string, unknown>;
  /** With showInvited and showGroups: everyone the person may see, up to MEMBER_PAGES pages. */
  memberships: MembershipJson[];
  /** Whether `memberships` is the whole space (no page was left unread). */
  membersComplete: boolean;
  /** The membership named with --member, as the server answered it. */
  named?: MembershipJson;
  /**
   * A joined human with the Member role: the target of PATCHes the server must refuse. Were one applied by mistake,
   * the bodies sent could at worst set the role it already has.
   */
  plainMember?: MembershipJson;
}

/** The run cannot start: the space (or the named membership) cannot be read with this token at this URL. */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

export const MEMBER_PAGES = 3;
export const PAGE_SIZE = 1000;
/** Requests gatherFacts sends at most. */
export const FACT_REQUESTS = 2 + MEMBER_PAGES;

export const apiPath = (name: string) => `/v1/${name}`;

export async function gatherFacts(http: ContractHttp, space: string, member?: string): Promise<Facts> {
  const spaceRes = await http.send({ path: apiPath(space) });
  if (spaceRes.status !== 200 || !isObject(spaceRes.json)) {
    throw new PreflightError(`cannot read ${space}: ${describe(spaceRes)}`);
  }
  const memberships: MembershipJson[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const query: Record<string, string> = { pageSize: String(PAGE_SIZE), showInvited: 'true', showGroups: 'true' };
    if (pageToken) query.pageToken = pageToken;
    const res = await http.send({ path: `${apiPath(space)}/members`, query });
    if (res.status !== 200 || !isObject(res.json)) {
      throw new PreflightError(`cannot list the members of ${space}: ${describe(res)}`);
    }
    const body = res.json as { memberships?: unknown; nextPageToken?: unknown };
    if (Array.isArray(body.memberships))
      memberships.push(...(body.memberships.filter(isMembership) as MembershipJson[]));
    pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : '';
    pages++;
  } while (pageToken && pages < MEMBER_PAGES);

  let named: MembershipJson | undefined;
  if (member) {
    const res = await http.send({ path: apiPath(member) });
    if (res.status !== 200 || !isMembership(res.json)) {
      throw new PreflightError(`cannot read ${member}: ${describe(res)}`);
    }
    named = res.json;
  }
  const isPlainMember = (m: MembershipJson) =>
    m.state === 'JOINED' && m.role === 'ROLE_MEMBER' && m.member?.type === 'HUMAN';
  const plainMember = named && isPlainMember(named) ? named : memberships.find(isPlainMember);
  return {
    space: spaceRes.json as Record<string, unknown>,
    memberships,
    membersComplete: !pageToken,
    ...(named ? { named } : {}),
    ...(plainMember ? { plainMember } : {}),
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isMembership(value: unknown): value is MembershipJson {
  return isObject(value) && typeof value.name === 'string';
}

/** A member's email as a path segment: `@` stays readable, anything unusual is escaped. */
export const emailSegment = (email: string) => encodeURIComponent(email).replace(/%40/g, '@');
