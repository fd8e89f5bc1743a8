/** Every check, in the order they run: reads first, then refused PATCHes, then writes (each restored), then admin. */

import type { Check } from '../check';
import { adminChecks } from './admin';
import { filterChecks } from './filters';
import { listingChecks } from './listing';
import { paginationChecks } from './pagination';
import { patchRefusalChecks } from './patch-refusals';
import { requestChecks } from './requests';
import { writeChecks } from './writes';

export const ALL_CHECKS: readonly Check[] = [
  ...requestChecks,
  ...listingChecks,
  ...filterChecks,
  ...paginationChecks,
  ...patchRefusalChecks,
  ...writeChecks,
  ...adminChecks,
];
