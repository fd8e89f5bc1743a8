/**
 * Every route table in one place. The Chat API is the fallback family (each of the others is its own host at
 * Google), so its table is consulted last and answers unknown paths with Chat's own 404.
 */

import { handleChat } from '../router';
import { DIRECTORY_API } from './directory';
import { MEMBER_ROUTES } from './members';
import { OAUTH_API } from './oauth';
import { PEOPLE_API } from './people';
import type { ApiRoute, ChatRoute } from './route';
import { SPACE_ROUTES } from './spaces';

export const CHAT_ROUTES: readonly ChatRoute[] = [...SPACE_ROUTES, ...MEMBER_ROUTES];

const CHAT_API: ApiRoute = { family: 'chat', owns: () => true, handle: handleChat };

export const API_ROUTES: readonly ApiRoute[] = [OAUTH_API, PEOPLE_API, DIRECTORY_API, CHAT_API];
