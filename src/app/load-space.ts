/** Loading a space into its member sheet, and refreshing a sheet from Chat without losing pending edits. */

import { type Access, isAccess } from '../domain/access';
import type { ChatMembership, ChatSpace, SpaceSummary } from '../domain/chat-types';
import { UserError } from '../domain/errors';
import { rowFromMembership } from '../domain/member-row';
import { words } from '../domain/messages';
import { mergeRefresh } from '../domain/refresh-merge';
import { isSpaceName } from '../domain/resource-names';
import type { Ports, SheetMeta } from './ports';

export function listSpaceSummaries(ports: Ports, access: Access, nameQuery = ''): SpaceSummary[] {
  return (
    ports
      .chat()
      .listNamedSpaces(access, nameQuery)
      .filter((s) => isSpaceName(s.name))
      .map((s) => ({
        name: s.name as string,
        displayName: s.displayName || (s.name as string),
        memberCount: (s.membershipCount?.joinedDirectHumanUserCount ?? 0) + (s.membershipCount?.joinedGroupCount ?? 0),
      }))
      // Admin search comes back busiest first, which is the useful order there; a person's own spaces by name.
      .sort((a, b) => (access === 'admin' ? 0 : a.displayName.localeCompare(b.displayName)))
  );
}

export interface LoadResult {
  sheetName: string;
  /** Rows loaded: every membership Chat listed. */
  members: number;
  /** Of them, what Chat's own count (the space list's "5 members") counts: people and groups who joined. */
  joined: number;
  invited: number;
  apps: number;
  drifted: number;
  gone: number;
  added: number;
}

/** The memberships by what Chat's membershipCount counts (joined people and groups) and what it leaves out. */
function kindsOf(memberships: readonly ChatMembership[]): Pick<LoadResult, 'joined' | 'invited' | 'apps'> {
  const apps = memberships.filter((m) => m.member?.type === 'BOT').length;
  const invited = memberships.filter((m) => m.member?.type !== 'BOT' && m.state === 'INVITED').length;
  const joined = memberships.filter((m) => m.member?.type !== 'BOT' && m.state === 'JOINED').length;
  return { joined, invited, apps };
}

/** Loads (or reloads) a space: reads Chat first, then merges into the sheet under the lock. */
type LoadMeta = Pick<SheetMeta, 'space' | 'spaceType' | 'access'> & { title?: string };

function load(ports: Ports, meta: LoadMeta): LoadResult {
  const api = ports.chat();
  // The app's token holds chat.app.memberships only, which cannot read a space, and the person may not be in the
  // app's space at all (404 with their token): as the app, do without that read (the title comes from the list).
  const space: ChatSpace = meta.access === 'app' ? {} : api.getSpace(meta.space, meta.access);
  // People Chat lists without a name or email (always with admin access) are looked up: cache, Directory, People.
  const named = api.resolveMissingNames(api.listMembers(meta.space, meta.access), meta.access);
  const fresh = named.memberships.map(rowFromMembership);
  return ports.withLock(30_000, () => {
    // One sheet per space and access: the same space loaded as an admin is another sheet than a person's.
    const existing = ports.sheets
      .memberSheets()
      .find((s) => s.meta.space === meta.space && s.meta.access === meta.access);
    const full: Omit<SheetMeta, 'sheetId' | 'generation'> = {
      space: meta.space,
      spaceType: space.spaceType ?? meta.spaceType,
      title: space.displayName || meta.title || existing?.meta.title || meta.space,
      access: meta.access,
    };
    const current = existing ? existing.readRows().values : [];
    const merged = mergeRefresh(current, fresh);
    return {
      sheetName: ports.sheets.writeSpace(full, merged.rows, existing, named.notes, current.length),
      members: fresh.length,
      ...kindsOf(named.memberships),
      drifted: merged.drifted,
      gone: merged.gone,
      added: existing ? merged.added : 0,
    };
  });
}

/** `title`: the space's name as the sidebar listed it (used when the space itself is not read: as the app). */
export function loadSpaceByName(ports: Ports, space: unknown, access: unknown = 'user', title?: unknown): LoadResult {
  if (!isSpaceName(space)) throw new UserError(words().error.notASpace);
  if (!isAccess(access)) throw new UserError(words().error.badAccess);
  return load(ports, { space, spaceType: 'SPACE', access, ...(typeof title === 'string' && title ? { title } : {}) });
}

export function refreshActive(ports: Ports): LoadResult {
  const meta = ports.sheets.activeMemberSheet()?.meta;
  if (!meta) throw new UserError(words().error.openMemberSheet);
  return load(ports, meta);
}
