/** Loading a space into its member sheet, and refreshing a sheet from Chat without losing pending edits. */

import { userChatApi } from '../adapters/chat-api';
import { withDocumentLock } from '../adapters/lock';
import {
  findMemberSheets,
  memberSheetMeta,
  readRows,
  type SheetMeta,
  writeMemberSheet,
} from '../adapters/member-sheet';
import { resolveMissingNames } from '../adapters/people-directory';
import { type Access, isAccess } from '../domain/access';
import type { SpaceSummary } from '../domain/chat-types';
import { UserError } from '../domain/errors';
import { COL, HEADER_ROWS, type MemberRow, rowFromMembership } from '../domain/member-row';
import { mergeRefresh } from '../domain/refresh-merge';
import { isSpaceName } from '../domain/resource-names';

export function listSpaceSummaries(access: Access, nameQuery = ''): SpaceSummary[] {
  return (
    userChatApi()
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
function load(meta: Omit<SheetMeta, 'title'> & { title?: string }): LoadResult {
  const api = userChatApi();
  // The app's token reads memberships only (chat.app.memberships): read the space itself as the person.
  const space = api.getSpace(meta.space, meta.access === 'app' ? 'user' : meta.access);
  // People Chat lists without a name or email (always with admin access) are looked up: cache, Directory, People.
  const named = resolveMissingNames(api.listMembers(meta.space, meta.access), meta.access);
  const fresh = named.memberships.map(rowFromMembership);
  const full: SheetMeta = {
    space: meta.space,
    spaceType: space.spaceType ?? meta.spaceType,
    title: space.displayName || meta.title || meta.space,
    access: meta.access,
  };
  return withDocumentLock(30_000, () => {
    const ss = SpreadsheetApp.getActive();
    const existing = findMemberSheets(ss).find((s) => s.meta.space === meta.space);
    const current = existing ? readRows(existing.sheet).values : [];
    const merged = mergeRefresh(current, fresh);
    const sheet = writeMemberSheet(ss, full, merged.rows, existing);
    writeNameNotes(sheet, merged.rows, named.notes, current.length);
    sheet.activate();
    return {
      sheetName: sheet.getName(),
      members: fresh.length,
      drifted: merged.drifted,
      gone: merged.gone,
      added: existing ? merged.added : 0,
    };
  });
}

/**
 * The Name column's notes in one call: why a person is shown as an id, empty for everyone else (clearing notes of an
 * earlier load, down to the last row that load wrote).
 */
function writeNameNotes(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: readonly MemberRow[],
  notes: ReadonlyMap<string, string>,
  previousRows: number,
): void {
  const height = Math.max(rows.length, previousRows);
  if (height === 0) return;
  const values = Array.from({ length: height }, (_, i) => [notes.get(rows[i]?.key ?? '') ?? '']);
  sheet.getRange(HEADER_ROWS + 1, COL.name, height, 1).setNotes(values);
}

export function loadSpaceByName(space: unknown, access: unknown = 'user'): LoadResult {
  if (!isSpaceName(space)) throw new UserError('That is not a Chat space name (expected spaces/…).');
  if (!isAccess(access)) throw new UserError('Load a space as yourself, as a Workspace admin or as the Chat app.');
  return load({ space, spaceType: 'SPACE', access });
}

export function refreshActive(): LoadResult {
  const meta = memberSheetMeta(SpreadsheetApp.getActiveSheet());
  if (!meta) throw new UserError('Open a member sheet (one loaded from the sidebar) and choose Refresh members again.');
  return load(meta);
}
