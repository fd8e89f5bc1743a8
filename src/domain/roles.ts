/**
 * The three space roles. The API enum names predate the 2025 rename: ROLE_MANAGER is the UI's *Owner* and
 * ROLE_ASSISTANT_MANAGER the UI's *Manager*. Users only ever see the UI names; following older samples that call
 * ROLE_MANAGER "manager" would silently create owners.
 */

import { CATALOGUES, words } from './messages';

export type ApiRole = 'ROLE_MEMBER' | 'ROLE_ASSISTANT_MANAGER' | 'ROLE_MANAGER';
/** A role's name in the person's language (Member / 成員 …). */
export type UiRole = string;

const API_ROLE_LIST: readonly ApiRole[] = ['ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER'];

/** The role names offered in a Role cell's dropdown, in the person's language. */
export function uiRoles(): UiRole[] {
  return API_ROLE_LIST.map(uiRole);
}

/**
 * The old zh-TW term for ROLE_MANAGER (before the 2025 rename): read literally it means Manager, in Google's older
 * texts it means Owner. Mapping it either way would silently create owners or demote them, so it is refused.
 */
const AMBIGUOUS = new Set(['聊天室管理員', '聊天室管理员']);

// A Map, not an object: text like "constructor" must not find Object.prototype members.
// Every catalogue's names are accepted, whatever the person's language: a sheet is shared across languages.
const API_BY_TEXT: ReadonlyMap<string, ApiRole> = new Map([
  ...API_ROLE_LIST.map((role) => [role.toLowerCase(), role] as [string, ApiRole]),
  ...Object.values(CATALOGUES).flatMap((m) =>
    API_ROLE_LIST.map((role) => [m.roles[role].toLowerCase(), role] as [string, ApiRole]),
  ),
]);

const API_ROLES: ReadonlySet<string> = new Set(API_ROLE_LIST);

export function uiRole(role: ApiRole): UiRole {
  return words().roles[role];
}

/** Whether a Role cell holds this role's name exactly as some catalogue writes it (Member, 成員, …). */
export function namesRole(text: string, role: ApiRole | ''): boolean {
  if (role === '') return text === '';
  return Object.values(CATALOGUES).some((m) => m.roles[role] === text);
}

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && API_ROLES.has(value);
}

export type RoleParse = { ok: true; role: ApiRole } | { ok: false; reason: string };

/** Reads what a person typed in a Role cell: a UI name or an API enum, in any case, with stray spaces. */
export function parseRole(input: unknown): RoleParse {
  const text = typeof input === 'string' ? input.trim() : '';
  if (typeof input !== 'string' || text === '') {
    const shown = input === '' || input === undefined || input === null ? words().emptyCell : `"${String(input)}"`;
    return { ok: false, reason: words().notARole(shown) };
  }
  if (AMBIGUOUS.has(text)) return { ok: false, reason: words().ambiguousRole(text) };
  const role = API_BY_TEXT.get(text.toLowerCase());
  if (role) return { ok: true, role };
  return { ok: false, reason: words().notARole(`"${truncate(text, 40)}"`) };
}

/** How much control a role gives, to order promotions before demotions. */
export function rank(role: ApiRole): number {
  return role === 'ROLE_MANAGER' ? 3 : role === 'ROLE_ASSISTANT_MANAGER' ? 2 : 1;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
