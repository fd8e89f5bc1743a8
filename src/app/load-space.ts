/** Loading a space into its member sheet, and refreshing a sheet from Chat without losing pending edits. */

import { type Access, isAccess } from '../domain/access';
import type { SpaceSummary } from '../domain/chat-types';
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
  members: number;
  drifted: number;
  gone: number;
  added: number;
}

/** Loads (or reloads) a space: reads Chat first, then merges into the sheet under the lock. */
function load(ports: Ports, meta: Omit<SheetMeta, 'title'> & { title?: string }): LoadResult {
  const api = ports.chat();
  // The app's token reads memberships only (chat.app.memberships): read the space itself as the person.
  const space = api.getSpace(meta.space, meta.access === 'app' ? 'user' : meta.access);
  // People Chat lists without a name or email (always with admin access) are looked up: cache, Directory, People.
  const named = api.resolveMissingNames(api.listMembers(meta.space, meta.access), meta.access);
  const fresh = named.memberships.map(rowFromMembership);
  const full: SheetMeta = {
    space: meta.space,
    spaceType: space.spaceType ?? meta.spaceType,
    title: space.displayName || meta.title || meta.space,
    access: meta.access,
  };
  return ports.withLock(30_000, () => {
    const existing = ports.sheets.memberSheets().find((s) => s.meta.space === meta.space);
    const current = existing ? existing.readRows().values : [];
    const merged = mergeRefresh(current, fresh);
    return {
      sheetName: ports.sheets.writeSpace(full, merged.rows, existing, named.notes, current.length),
      members: fresh.length,
      drifted: merged.drifted,
      gone: merged.gone,
      added: existing ? merged.added : 0,
    };
  });
}

export function loadSpaceByName(ports: Ports, space: unknown, access: unknown = 'user'): LoadResult {
  if (!isSpaceName(space)) throw new UserError(words().error.notASpace);
  if (!isAccess(access)) throw new UserError(words().error.badAccess);
  return load(ports, { space, spaceType: 'SPACE', access });
}

export function refreshActive(ports: Ports): LoadResult {
  const meta = ports.sheets.activeMemberSheet()?.meta;
  if (!meta) throw new UserError(words().error.openMemberSheet);
  return load(ports, meta);
}
