/** Shorthands for the ASSUMPTIONS.md sections checks quote, and probe names no real resource has. */

import type { AssumptionRef } from '../check';

const ref =
  (section: string) =>
  (quote: string): AssumptionRef => ({ file: 'tools/emulator/ASSUMPTIONS.md', section, quote });

export const roleChanges = ref('Membership role changes (`spaces.members.patch`)');
export const orderOfChecks = ref('Order of checks');
export const authentication = ref('Authentication');
export const resourceNames = ref('Resource names');
export const listing = ref('Listing and visibility');
export const filters = ref('Filters (`members.list` `filter`, `spaces.list` `filter`, `spaces.search` `query`)');
export const pagination = ref('Pagination');
export const quotas = ref('Quotas');
export const emulatorReadme = (quote: string): AssumptionRef => ({
  file: 'docs/emulator.md',
  section: 'The Chat API emulator',
  quote,
});

/** A membership id no user has (user ids are 21 digits, and this one is all nines). */
export const NO_SUCH_MEMBER = '999999999999999999999';
export const NO_SUCH_SPACE = 'spaces/AAAAContractProbeNoSuchSpace';
/** `$alt=json;enum-encoding=int`, as Google's gRPC-fallback clients send it. */
export const INT_ENUMS = { $alt: 'json;enum-encoding=int' };
