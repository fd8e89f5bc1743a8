/**
 * What a person confirms before their rights are used: every change, one per line — space, member, old role → new
 * role, and who typed it. After the answer, exactly the confirmed changes are applied: the sheet is planned again
 * (it may have changed while the dialog was open) and only changes identical to a confirmed line go out; anything
 * new or different stays pending for a new confirmation.
 */

import type { Access } from './access';
import type { RoleChange } from './changes';
import { type ApiRole, uiRole } from './roles';

/** A planned change with its author: an email, or '' when the add-on could not see who typed it. */
export interface AuthoredChange extends RoleChange {
  typedBy: string;
}

/** A row added by email: looked up after the confirmation, then applied if it matches what was confirmed. */
export interface AuthoredLookup {
  space: string;
  email: string;
  requested: ApiRole;
  typedBy: string;
}

export const changeId = (c: Pick<AuthoredChange, 'key' | 'from' | 'to' | 'typedBy'>) =>
  `${c.key}|${c.from}|${c.to}|${c.typedBy}`;
export const lookupId = (l: Pick<AuthoredLookup, 'space' | 'email' | 'requested' | 'typedBy'>) =>
  `lookup|${l.space}|${l.email.toLowerCase()}|${l.requested}|${l.typedBy}`;

export interface ConfirmationWords {
  you: string;
  unknown: string;
  /** A line for one change: "Finance · Dan Wu: Member → Owner (typed by Carol Diaz)". */
  line(space: string, member: string, from: string, to: string, typedBy: string): string;
  lookupLine(space: string, email: string, to: string, typedBy: string): string;
}

export interface Confirmation {
  lines: string[];
  /** How many listed items someone other than the person confirming typed (or someone unknown). */
  byOthers: number;
  byYou: number;
  /** The access kinds the listed changes will use (admin and app access say so in the dialog). */
  accesses: Set<Access>;
}

/** Lines grouped: the person's own changes first, then other people's, then those of unknown authors. */
export function confirmationOf(
  changes: readonly AuthoredChange[],
  lookups: readonly AuthoredLookup[],
  presser: string,
  spaceTitle: (space: string) => string,
  nameOf: (email: string) => string,
  words: ConfirmationWords,
): Confirmation {
  const me = presser.toLowerCase();
  const author = (by: string) => (by === '' ? words.unknown : by === me ? words.you : nameOf(by) || by);
  const order = (by: string) => (by === me ? 0 : by === '' ? 2 : 1);
  const items = [
    ...changes.map((c) => ({
      by: c.typedBy,
      text: words.line(spaceTitle(c.space), c.who, uiRole(c.from), uiRole(c.to), author(c.typedBy)),
    })),
    ...lookups.map((l) => ({
      by: l.typedBy,
      text: words.lookupLine(spaceTitle(l.space), l.email, uiRole(l.requested), author(l.typedBy)),
    })),
  ].sort((a, b) => order(a.by) - order(b.by));
  const byYou = items.filter((i) => i.by === me).length;
  return {
    lines: items.map((i) => i.text),
    byYou,
    byOthers: items.length - byYou,
    accesses: new Set(changes.map((c) => c.access)),
  };
}

/** The person's answer: everything listed, only what they typed themselves, or nothing. */
export type Answer = 'all' | 'mine' | 'none';

/**
 * Splits a new plan by the confirmed ids: `apply` are the changes that were confirmed exactly (and, with 'mine',
 * typed by the person confirming); `changedMeanwhile` are changes the dialog never showed.
 */
export function confirmedPart<T extends { id: string; typedBy: string }>(
  confirmed: ReadonlySet<string>,
  replanned: readonly T[],
  answer: Answer,
  presser: string,
): { apply: T[]; changedMeanwhile: T[]; notChosen: T[] } {
  const apply: T[] = [];
  const changedMeanwhile: T[] = [];
  const notChosen: T[] = [];
  for (const item of replanned) {
    if (!confirmed.has(item.id)) changedMeanwhile.push(item);
    else if (answer === 'all' || (answer === 'mine' && item.typedBy === presser.toLowerCase())) apply.push(item);
    else notChosen.push(item);
  }
  return { apply, changedMeanwhile, notChosen };
}
