/** Resources to proto3 JSON: default values omitted, enums as names or (with `enum-encoding=int`) numbers. */

import {
  HISTORY_STATES,
  LEGACY_SPACE_TYPES,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATES,
  SPACE_THREADING_STATES,
  SPACE_TYPES,
  USER_TYPES,
} from './enums';
import type { ChatState, Membership, Space } from './state';

export type EnumEncoding = 'string' | 'int';

const enumValue = (table: Readonly<Record<string, number>>, name: string, encoding: EnumEncoding) =>
  encoding === 'int' ? table[name] : name;

export interface MembershipView {
  /** Whether the caller may see the member's displayName and email (it shares the space, not admin access). */
  showProfile: boolean;
  encoding: EnumEncoding;
}

export function membershipJson(state: ChatState, m: Membership, view: MembershipView): Record<string, unknown> {
  const out: Record<string, unknown> = { name: m.name, state: enumValue(MEMBERSHIP_STATES, m.state, view.encoding) };
  if (m.role !== 'MEMBERSHIP_ROLE_UNSPECIFIED') out.role = enumValue(MEMBERSHIP_ROLES, m.role, view.encoding);
  if (m.member) {
    const user = state.users.get(m.member);
    const member: Record<string, unknown> = {
      name: m.member,
      type: enumValue(USER_TYPES, user?.type ?? 'HUMAN', view.encoding),
    };
    if (view.showProfile && user?.displayName) member.displayName = user.displayName;
    if (view.showProfile && user?.email) member.email = user.email;
    out.member = member;
  }
  if (m.groupMember) out.groupMember = { name: m.groupMember };
  out.createTime = m.createTime;
  return out;
}

/**
 * `showPermissions`: whether the caller may read permissionSettings (users; apps only with `chat.app.spaces` in
 * spaces they created, as spaces.get documents).
 */
export function spaceJson(
  state: ChatState,
  space: Space,
  encoding: EnumEncoding,
  showPermissions = true,
): Record<string, unknown> {
  const isSpace = space.spaceType === 'SPACE';
  const dm = space.spaceType === 'DIRECT_MESSAGE';
  const joined = [...space.memberships.values()].filter((m) => m.state === 'JOINED');
  const out: Record<string, unknown> = {
    name: space.name,
    type: enumValue(LEGACY_SPACE_TYPES, dm ? 'DM' : 'ROOM', encoding),
  };
  if (space.displayName) out.displayName = space.displayName;
  Object.assign(out, {
    spaceThreadingState: enumValue(
      SPACE_THREADING_STATES,
      isSpace ? 'THREADED_MESSAGES' : 'UNTHREADED_MESSAGES',
      encoding,
    ),
    spaceType: enumValue(SPACE_TYPES, space.spaceType, encoding),
    spaceHistoryState: enumValue(HISTORY_STATES, 'HISTORY_ON', encoding),
    createTime: space.createTime,
    lastActiveTime: space.lastActiveTime,
    membershipCount: withoutZeros({
      joinedDirectHumanUserCount: joined.filter((m) => m.member && state.users.get(m.member)?.type !== 'BOT').length,
      joinedGroupCount: joined.filter((m) => m.groupMember).length,
    }),
    spaceUri: `https://mail.google.com/chat/u/0/#chat/space/${space.name.slice('spaces/'.length)}`,
  });
  if (space.externalUserAllowed) out.externalUserAllowed = true;
  if (showPermissions && space.permissionSettings) out.permissionSettings = structuredClone(space.permissionSettings);
  return out;
}

/** proto3 JSON leaves out numeric fields that are zero. */
function withoutZeros(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}
