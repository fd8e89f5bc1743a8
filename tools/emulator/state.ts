/** In-memory Chat state built from a seed; the single source of truth the handlers read and change. */

import type { MembershipRole, MembershipState, SpaceType, UserType } from './enums';
import { type Seed, type SeedPrincipal, validateSeed } from './seed';

export interface User {
  name: string;
  displayName?: string;
  email?: string;
  type: UserType;
}

export interface Membership {
  /** Last path segment of the resource name: the user's or group's id. */
  id: string;
  name: string;
  member?: string;
  groupMember?: string;
  role: MembershipRole;
  state: MembershipState;
  createTime: string;
}

export interface Space {
  name: string;
  displayName?: string;
  spaceType: SpaceType;
  createTime: string;
  lastActiveTime: string;
  externalUserAllowed: boolean;
  /** Insertion-ordered: the order list calls return (the API calls it unordered, so any order is faithful). */
  memberships: Map<string, Membership>;
}

export interface Principal {
  token: string;
  user: string;
  scopes: ReadonlySet<string>;
  admin: boolean;
  project: string;
}

const EPOCH = '2025-01-01T00:00:00Z';
const idOf = (resourceName: string) => resourceName.slice(resourceName.indexOf('/') + 1);

export class ChatState {
  readonly users = new Map<string, User>();
  readonly groups = new Set<string>();
  readonly spaces = new Map<string, Space>();
  private readonly principals = new Map<string, Principal>();
  private readonly usersByEmail = new Map<string, User>();

  static fromSeed(input: unknown): ChatState {
    const seed = validateSeed(input);
    const state = new ChatState();
    for (const user of seed.users) {
      const stored: User = { name: user.name, type: user.type ?? 'HUMAN' };
      if (user.displayName !== undefined) stored.displayName = user.displayName;
      if (user.email !== undefined) {
        stored.email = user.email;
        state.usersByEmail.set(user.email.toLowerCase(), stored);
      }
      state.users.set(user.name, stored);
    }
    for (const group of seed.groups ?? []) state.groups.add(group.name);
    for (const principal of seed.principals) state.principals.set(principal.token, toPrincipal(principal));
    for (const space of seed.spaces) {
      const stored: Space = {
        name: space.name,
        spaceType: space.spaceType ?? 'SPACE',
        createTime: space.createTime ?? EPOCH,
        lastActiveTime: space.lastActiveTime ?? space.createTime ?? EPOCH,
        externalUserAllowed: space.externalUserAllowed ?? false,
        memberships: new Map(),
      };
      if (space.displayName) stored.displayName = space.displayName;
      for (const m of space.memberships) {
        const who = (m.member ?? m.groupMember) as string;
        const id = idOf(who);
        const membership: Membership = {
          id,
          name: `${space.name}/members/${id}`,
          role: m.groupMember ? 'MEMBERSHIP_ROLE_UNSPECIFIED' : (m.role ?? 'ROLE_MEMBER'),
          state: m.state ?? 'JOINED',
          createTime: m.createTime ?? stored.createTime,
        };
        if (m.member) membership.member = m.member;
        if (m.groupMember) membership.groupMember = m.groupMember;
        stored.memberships.set(id, membership);
      }
      state.spaces.set(space.name, stored);
    }
    return state;
  }

  principal(token: string): Principal | undefined {
    return this.principals.get(token);
  }

  /** The membership named by id, or by the member's email (the documented alias for `{member}`). */
  findMembership(space: Space, memberPart: string): Membership | undefined {
    const direct = space.memberships.get(memberPart);
    if (direct) return direct;
    const user = memberPart.includes('@') ? this.usersByEmail.get(memberPart.toLowerCase()) : undefined;
    return user ? space.memberships.get(idOf(user.name)) : undefined;
  }

  /** The caller's own membership in a space, if any. */
  membershipOf(space: Space, user: string): Membership | undefined {
    return space.memberships.get(idOf(user));
  }

  toSeed(): Seed {
    return {
      principals: [...this.principals.values()].map((p) => {
        const out: SeedPrincipal = { token: p.token, user: p.user, scopes: [...p.scopes], admin: p.admin };
        if (p.project !== DEFAULT_PROJECT) out.project = p.project;
        return out;
      }),
      users: [...this.users.values()].map((u) => ({ ...u })),
      groups: [...this.groups].map((name) => ({ name })),
      spaces: [...this.spaces.values()].map((s) => {
        const { memberships, ...rest } = s;
        return {
          ...rest,
          memberships: [...memberships.values()].map((m) => {
            const out: Seed['spaces'][number]['memberships'][number] = { state: m.state, createTime: m.createTime };
            if (m.member) out.member = m.member;
            if (m.groupMember) out.groupMember = m.groupMember;
            if (m.role !== 'MEMBERSHIP_ROLE_UNSPECIFIED') out.role = m.role;
            return out;
          }),
        };
      }),
    };
  }
}

export const DEFAULT_PROJECT = 'default';

function toPrincipal(seed: SeedPrincipal): Principal {
  return {
    token: seed.token,
    user: seed.user,
    scopes: new Set(seed.scopes),
    admin: seed.admin ?? false,
    project: seed.project ?? DEFAULT_PROJECT,
  };
}
