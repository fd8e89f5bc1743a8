/**
 * Chat ids as Google issues them (`spaces/AAAA` + 7 characters, `users/` + 21 digits) and people's names, seeded, for
 * the bench and the size tests: the emulator's short ids (`users/1001`) would make a stored run look smaller than
 * it is against Google.
 */

import { seededRandom } from '../emulator/faults';

export { seededRandom };

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const FIRST = ['Ana', 'Bilal', 'Chen', 'Dagny', 'Emeka', 'Fatima', 'Giulia', 'Hiroshi', 'Ines', 'Jonas', 'Kavya'];
const LAST = ['Okafor', 'Lindqvist', 'Nakamura', 'Fernández', 'Kowalski', 'Haddad', 'Müller', 'Osei', 'Petrov'];

const pick = (random: () => number, chars: string, n: number) =>
  Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');

/** `spaces/AAAA` and 7 more characters. */
export const realisticSpaceName = (random: () => number) => `spaces/AAAA${pick(random, ID_CHARS, 7)}`;

/** The 21 digits of a `users/…` name. */
export const realisticUserId = (random: () => number) => `1${pick(random, '0123456789', 20)}`;

/** A first and last name (not unique on its own). */
export function realisticName(random: () => number): { first: string; last: string } {
  return {
    first: FIRST[Math.floor(random() * FIRST.length)] ?? 'Ana',
    last: LAST[Math.floor(random() * LAST.length)] ?? 'Osei',
  };
}
