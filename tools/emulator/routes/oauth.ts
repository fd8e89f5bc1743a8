/** The OAuth token endpoint (`POST /token`): service-account JWTs exchanged for access tokens. */

import { handleToken, TOKEN_PATH } from '../oauth';
import type { ApiRoute } from './route';

export const OAUTH_API: ApiRoute = { family: 'oauth', owns: (path) => path === TOKEN_PATH, handle: handleToken };
