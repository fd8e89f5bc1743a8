/** The People API (`/v1/people/{id}`, `/v1/people:batchGet`): names and emails of the domain's people. */

import { handlePeople, isPeoplePath } from '../people';
import type { ApiRoute } from './route';

export const PEOPLE_API: ApiRoute = { family: 'people', owns: isPeoplePath, handle: handlePeople };
