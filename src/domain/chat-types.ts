/** The subset of Chat API resources the add-on reads (string enum encoding). Fields may be missing: proto3 JSON omits defaults. */

export interface ChatUser {
  name?: string;
  displayName?: string;
  email?: string;
  type?: string;
}

export interface ChatMembership {
  name?: string;
  state?: string;
  role?: string;
  member?: ChatUser;
  groupMember?: { name?: string };
  createTime?: string;
}

export interface ChatSpace {
  name?: string;
  displayName?: string;
  spaceType?: string;
  membershipCount?: { joinedDirectHumanUserCount?: number; joinedGroupCount?: number };
}

/** What the sidebar shows for a space. */
export interface SpaceSummary {
  name: string;
  displayName: string;
  memberCount: number;
}
