/** The Admin SDK Directory API (`/admin/directory/v1/users/{key}`): user lookups by administrators. */

import { handleDirectory, isDirectoryPath } from '../directory';
import type { ApiRoute } from './route';

export const DIRECTORY_API: ApiRoute = { family: 'directory', owns: isDirectoryPath, handle: handleDirectory };
