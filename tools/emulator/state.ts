/** In-memory Chat state built from a seed; the single source of truth the handlers read and change. */

import { createPublicKey, type KeyObject, randomBytes } from 'node:crypto';
import type { MembershipRole, MembershipState, SpaceType, UserType } from './enums';
import type { PermissionSettings } from './permission-settings';
import { type Seed, type SeedApp, type SeedPrincipal, validateSeed } from './seed';

export interface User {
  name: string;
  displayName?: string;
  email?: string;
  type: UserType;
  givenName?: string;
  familyName?: string;
}

/** A Chat app with a service account (seed `apps`). */
export interface App {
  /** The app's Chat user, `users/{id}`. */
  name: string;
  serviceAccount: string;
  publicKeyPem: string;
  publicKey: KeyObject;
  adminApproved: boolean;
  project: string;
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
  /** The app that created the space, if an app did. */
  createdByApp?: string;
  permissionSettings?: PermissionSettings;
  /** Insertion-ordered: the order list calls return (the API calls it unordered, so any order is faithful). */
  memberships: Map<string, Membership>;
}

export interface Principal {
  token: string;
  /** The authenticated user, or for an app principal the app's own Chat user. */
  user: string;
  scopes: ReadonlySet<string>;
  admin: boolean;
  project: string;
  /** `user`: user authentication (a seeded token). `app`: app authentication (issued by /token, or seeded). */
  kind: 'user' | 'app';
  /** Emulated time (seconds, the quota clock) after which an issued token is rejected; seeded tokens never expire. */
  expiresAt?: number;
}

const EPOCH = '2025-01-01T00:00:00Z';
const idOf = (resourceName: string) => resourceName.slice(resourceName.indexOf('/') + 1);

export class ChatState {
  readonly users = new Map<string, User>();
  readonly groups = new Set<string>();
  readonly spaces = new Map<string, Space>();
  readonly apps = new Map<string, App>();
  private readonly principals = new Map<string, Principal>();
  /** Access tokens issued by /token: never part of the seed, gone with the state on reset. */
  private readonly issued = new Map<string, Principal>();
  private readonly usersByEmail = new Map<string, User>();
  private readonly appsByServiceAccount = new Map<string, App>();

  static fromSeed(input: unknown): ChatState {
    const seed = validateSeed(input);
    const state = new ChatState();
    for (const user of seed.users) {
      const stored: User = { name: user.name, type: user.type ?? 'HUMAN' };
      if (user.displayName !== undefined) stored.displayName = user.displayName;
      if (user.givenName !== undefined) stored.givenName = user.givenName;
      if (user.familyName !== undefined) stored.familyName = user.familyName;
      if (user.email !== undefined) {
        stored.email = user.email;
        state.usersByEmail.set(user.email.toLowerCase(), stored);
      }
      state.users.set(user.name, stored);
    }
    for (const group of seed.groups ?? []) state.groups.add(group.name);
    for (const app of seed.apps ?? []) {
      const stored = toApp(app);
      state.apps.set(stored.name, stored);
      state.appsByServiceAccount.set(stored.serviceAccount.toLowerCase(), stored);
    }
    for (const principal of seed.principals) {
      state.principals.set(principal.token, toPrincipal(principal, state.apps.get(principal.user)));
    }
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
      if (space.createdByApp) stored.createdByApp = space.createdByApp;
      if (space.permissionSettings) stored.permissionSettings = structuredClone(space.permissionSettings);
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

  /** The principal holding `token`; an issued token past its expiry (emulated seconds `now`) is dropped. */
  principal(token: string, now = 0): Principal | undefined {
    const seeded = this.principals.get(token);
    if (seeded) return seeded;
    const issued = this.issued.get(token);
    if (issued?.expiresAt !== undefined && now >= issued.expiresAt) {
      this.issued.delete(token);
      return undefined;
    }
    return issued;
  }

  appByServiceAccount(email: string): App | undefined {
    return this.appsByServiceAccount.get(email.toLowerCase());
  }

  /** Whether any seeded principal of `user` has the administrator privilege. */
  isAdminUser(user: string): boolean {
    return [...this.principals.values()].some((p) => p.user === user && p.admin);
  }

  userByEmail(email: string): User | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  /**
   * Issues an opaque access token for `app` (what oauth2.googleapis.com/token answers to a valid JWT), valid until
   * `expiresAt`; tokens already expired at `now` are forgotten, so the store stays small.
   */
  issueAppToken(app: App, scopes: Iterable<string>, expiresAt: number, now = 0): string {
    for (const [token, principal] of this.issued) {
      if (principal.expiresAt !== undefined && now >= principal.expiresAt) this.issued.delete(token);
    }
    const token = `ya29.emu-${randomBytes(32).toString('base64url')}`;
    this.issued.set(token, {
      token,
      user: app.name,
      scopes: new Set(scopes),
      admin: false,
      project: app.project,
      kind: 'app',
      expiresAt,
    });
    return token;
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
    const seed: Seed = {
      principals: [...this.principals.values()].map((p) => {
        const out: SeedPrincipal = { token: p.token, user: p.user, scopes: [...p.scopes], admin: p.admin };
        if (p.project !== DEFAULT_PROJECT && p.project !== this.apps.get(p.user)?.project) out.project = p.project;
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
    if (this.apps.size > 0) {
      seed.apps = [...this.apps.values()].map((a) => {
        const out: SeedApp = {
          name: a.name,
          serviceAccount: a.serviceAccount,
          publicKeyPem: a.publicKeyPem,
          adminApproved: a.adminApproved,
        };
        if (a.project !== DEFAULT_PROJECT) out.project = a.project;
        return out;
      });
    }
    return seed;
  }
}

export const DEFAULT_PROJECT = 'default';

/** A seeded token whose user is an app is an app principal that never expires (a shortcut that skips /token). */
function toPrincipal(seed: SeedPrincipal, app: App | undefined): Principal {
  return {
    token: seed.token,
    user: seed.user,
    scopes: new Set(seed.scopes),
    admin: seed.admin ?? false,
    project: seed.project ?? app?.project ?? DEFAULT_PROJECT,
    kind: app ? 'app' : 'user',
  };
}

function toApp(seed: SeedApp): App {
  return {
    name: seed.name,
    serviceAccount: seed.serviceAccount,
    publicKeyPem: seed.publicKeyPem,
    publicKey: createPublicKey(seed.publicKeyPem),
    adminApproved: seed.adminApproved ?? false,
    project: seed.project ?? DEFAULT_PROJECT,
  };
}
