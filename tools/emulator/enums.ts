/** Chat API enums with their proto numbers (google/chat/v1/*.proto), for both JSON encodings. */

export const MEMBERSHIP_ROLES = {
  MEMBERSHIP_ROLE_UNSPECIFIED: 0,
  ROLE_MEMBER: 1,
  ROLE_MANAGER: 2,
  ROLE_ASSISTANT_MANAGER: 4,
} as const;
export type MembershipRole = keyof typeof MEMBERSHIP_ROLES;

export const MEMBERSHIP_STATES = { MEMBERSHIP_STATE_UNSPECIFIED: 0, JOINED: 1, INVITED: 2, NOT_A_MEMBER: 3 } as const;
export type MembershipState = keyof typeof MEMBERSHIP_STATES;

export const SPACE_TYPES = { SPACE_TYPE_UNSPECIFIED: 0, SPACE: 1, GROUP_CHAT: 2, DIRECT_MESSAGE: 3 } as const;
export type SpaceType = keyof typeof SPACE_TYPES;

/** Space.type is deprecated but still returned. */
export const LEGACY_SPACE_TYPES = { TYPE_UNSPECIFIED: 0, ROOM: 1, DM: 2 } as const;

export const USER_TYPES = { TYPE_UNSPECIFIED: 0, HUMAN: 1, BOT: 2 } as const;
export type UserType = keyof typeof USER_TYPES;

export const SPACE_THREADING_STATES = {
  SPACE_THREADING_STATE_UNSPECIFIED: 0,
  THREADED_MESSAGES: 2,
  GROUPED_MESSAGES: 3,
  UNTHREADED_MESSAGES: 4,
} as const;

export const HISTORY_STATES = { HISTORY_STATE_UNSPECIFIED: 0, HISTORY_OFF: 1, HISTORY_ON: 2 } as const;

export type EnumTable = Readonly<Record<string, number>>;

/** Accepts a string name or a proto number (what `enum-encoding=int` clients send); undefined if neither matches. */
export function parseEnum<T extends EnumTable>(table: T, value: unknown): keyof T | undefined {
  if (typeof value === 'string' && Object.hasOwn(table, value)) return value as keyof T;
  if (typeof value === 'number') {
    return (Object.keys(table) as (keyof T)[]).find((key) => table[key] === value);
  }
  return undefined;
}
