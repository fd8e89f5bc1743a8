/** Chat API routes on spaces: list, search and get. */

import { getSpace, listSpaces, searchSpaces } from '../spaces';
import { type ChatRoute, SEGMENT } from './route';

export const SPACE_ROUTES: ChatRoute[] = [
  {
    method: 'GET',
    id: 'spaces.list',
    pattern: /^\/v1\/spaces$/,
    params: ['filter', 'pageSize', 'pageToken'],
    run: (ctx) => listSpaces(ctx),
  },
  {
    method: 'GET',
    id: 'spaces.search',
    pattern: /^\/v1\/spaces:search$/,
    params: ['orderBy', 'pageSize', 'pageToken', 'query', 'useAdminAccess'],
    run: (ctx) => searchSpaces(ctx),
  },
  {
    method: 'GET',
    id: 'spaces.get',
    pattern: new RegExp(`^/v1/spaces/${SEGMENT}$`),
    params: ['useAdminAccess'],
    run: (ctx, [space]) => getSpace(ctx, space as string),
  },
];
