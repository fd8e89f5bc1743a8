/**
 * Runs shaped like real ones, for size tests: Chat's ids as Google issues them (`spaces/AAAA` + 7 characters,
 * `users/` + 21 digits), distinct members in every space, display names as `who`. Short emulator ids would make the
 * stored run look smaller than it is.
 */

import type { RunJob, RunState } from '../../src/domain/run-state';

const FIRST = ['Ana', 'Bilal', 'Chen', 'Dagny', 'Emeka', 'Fatima', 'Giulia', 'Hiroshi', 'Ines', 'Jonas', 'Kavya'];
const LAST = ['Okafor', 'Lindqvist', 'Nakamura', 'Fernández', 'Kowalski', 'Haddad', 'Müller', 'Osei', 'Petrov'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A small seeded generator (mulberry32), so sizes are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function realisticSpaceId(random: () => number): string {
  let id = 'spaces/AAAA';
  for (let i = 0; i < 7; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}

export function realisticUserId(random: () => number): string {
  let digits = '1';
  for (let i = 0; i < 20; i++) digits += String(Math.floor(random() * 10));
  return digits;
}

export function realisticName(random: () => number, i: number): string {
  const first = FIRST[Math.floor(random() * FIRST.length)];
  const last = LAST[Math.floor(random() * LAST.length)];
  return `${first} ${last}${i % 7 === 0 ? ` (${i})` : ''}`;
}

/** `spaces` spaces of `perSpace` queued changes each (Member → Manager), every member distinct. */
export function realisticRun(spaces: number, perSpace: number, seed = 11): RunState {
  const random = seeded(seed);
  const jobs: RunJob[] = [];
  const titles: Record<string, string> = {};
  for (let s = 0; s < spaces; s++) {
    const space = realisticSpaceId(random);
    titles[space] = `Team space ${s + 1}`;
    for (let m = 0; m < perSpace; m++) {
      jobs.push({
        access: 'user',
        index: m + 1,
        key: `${space}/members/${realisticUserId(random)}`,
        space,
        who: realisticName(random, s * perSpace + m),
        from: 'ROLE_MEMBER',
        to: 'ROLE_ASSISTANT_MANAGER',
        attempts: 0,
        state: 'queued',
      });
    }
  }
  return {
    runId: '4f1c2a9e-8b7d-4c3e-9a1f-2b6d8e0c7a55',
    kind: 'apply',
    user: 'alice.ng@example.com',
    startedAt: '2026-12-01T09:00:00.000Z',
    titles,
    jobs,
  };
}
