/**
 * Resource names are validated before any URL is built from them: a key cell in the sheet is user-editable text,
 * and `spaces/A/members/../../spaces/B` must never reach UrlFetchApp.
 */

const SPACE = /^spaces\/[A-Za-z0-9_-]{1,128}$/;
const MEMBERSHIP =
  /^(spaces\/[A-Za-z0-9_-]{1,128})\/members\/([A-Za-z0-9_-]{1,128}|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255})$/;

export function isSpaceName(value: unknown): value is string {
  return typeof value === 'string' && SPACE.test(value);
}

export function isMembershipName(value: unknown): value is string {
  return typeof value === 'string' && MEMBERSHIP.test(value) && !value.includes('..');
}

/** The space a membership belongs to, or undefined when the name is not a valid membership name. */
export function spaceOfMembership(value: unknown): string | undefined {
  if (!isMembershipName(value)) return undefined;
  return MEMBERSHIP.exec(value)?.[1];
}

/** Encodes each path segment; names are already validated, so this only guards against future pattern changes. */
export function toPath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}
