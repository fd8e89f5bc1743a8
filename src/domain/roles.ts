/**
 * The three space roles. The API enum names predate the 2025 rename: ROLE_MANAGER is the UI's *Owner* and
 * ROLE_ASSISTANT_MANAGER the UI's *Manager*. Users only ever see the UI names; following older samples that call
 * ROLE_MANAGER "manager" would silently create owners.
 */

export type ApiRole = 'ROLE_MEMBER' | 'ROLE_ASSISTANT_MANAGER' | 'ROLE_MANAGER';
export type UiRole = 'Member' | 'Manager' | 'Owner';

export const UI_ROLES: readonly UiRole[] = ['Member', 'Manager', 'Owner'];

const UI_BY_API: Record<ApiRole, UiRole> = {
  ROLE_MEMBER: 'Member',
  ROLE_ASSISTANT_MANAGER: 'Manager',
  ROLE_MANAGER: 'Owner',
};

// A Map, not an object: text like "constructor" must not find Object.prototype members.
const API_BY_TEXT: ReadonlyMap<string, ApiRole> = new Map(
  Object.entries({
    member: 'ROLE_MEMBER',
    manager: 'ROLE_ASSISTANT_MANAGER',
    owner: 'ROLE_MANAGER',
    role_member: 'ROLE_MEMBER',
    role_assistant_manager: 'ROLE_ASSISTANT_MANAGER',
    role_manager: 'ROLE_MANAGER',
  }) as [string, ApiRole][],
);

const API_ROLES: ReadonlySet<string> = new Set(Object.keys(UI_BY_API));

export function uiRole(role: ApiRole): UiRole {
  return UI_BY_API[role];
}

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && API_ROLES.has(value);
}

export type RoleParse = { ok: true; role: ApiRole } | { ok: false; reason: string };

/** Reads what a person typed in a Role cell: a UI name or an API enum, in any case, with stray spaces. */
export function parseRole(input: unknown): RoleParse {
  const text = typeof input === 'string' ? input.trim() : '';
  if (typeof input !== 'string' || text === '') {
    const shown = input === '' || input === undefined || input === null ? 'an empty cell' : `"${String(input)}"`;
    return { ok: false, reason: `${shown} is not a role: use Member, Manager or Owner` };
  }
  const role = API_BY_TEXT.get(text.toLowerCase());
  if (role) return { ok: true, role };
  return { ok: false, reason: `"${truncate(text, 40)}" is not a role: use Member, Manager or Owner` };
}

/** How much control a role gives, to order promotions before demotions. */
export function rank(role: ApiRole): number {
  return role === 'ROLE_MANAGER' ? 3 : role === 'ROLE_ASSISTANT_MANAGER' ? 2 : 1;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
