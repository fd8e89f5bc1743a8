/** Chat API routes on memberships: list, get and patch (the role change). */

import { getMember, listMembers, patchMember } from '../members';
import { type ChatRoute, SEGMENT } from './route';

export const MEMBER_ROUTES: ChatRoute[] = [
  {
    method: 'GET',
    id: 'spaces.members.list',
    pattern: new RegExp(`^/v1/spaces/${SEGMENT}/members$`),
    params: ['filter', 'pageSize', 'pageToken', 'showGroups', 'showInvited', 'useAdminAccess'],
    run: (ctx, [space]) => listMembers(ctx, space as string),
  },
  {
    method: 'GET',
    id: 'spaces.members.get',
    pattern: new RegExp(`^/v1/spaces/${SEGMENT}/members/${SEGMENT}$`),
    params: ['useAdminAccess'],
    run: (ctx, [space, member]) => getMember(ctx, space as string, member as string),
  },
  {
    method: 'PATCH',
    id: 'spaces.members.patch',
    pattern: new RegExp(`^/v1/spaces/${SEGMENT}/members/${SEGMENT}$`),
    params: ['updateMask', 'useAdminAccess'],
    run: (ctx, [space, member]) => patchMember(ctx, space as string, member as string),
  },
];
