import { isMembershipName, isSpaceName, spaceOfMembership } from '../../src/domain/resource-names';

describe('resource names', () => {
  it('accepts canonical names and email aliases', () => {
    expect(isSpaceName('spaces/AAAA_b-1')).toBe(true);
    expect(isMembershipName('spaces/AAAA/members/1001')).toBe(true);
    expect(isMembershipName('spaces/AAAA/members/alice@example.com')).toBe(true);
    expect(spaceOfMembership('spaces/AAAA/members/1001')).toBe('spaces/AAAA');
  });

  it.each([
    'spaces/X/members/../../spaces/Y',
    'spaces/X/members/..',
    'spaces/X/members/',
    'spaces//members/1',
    'spaces/X/members/1/extra',
    'spaces/X/members/1?updateMask=*',
    'spaces/X/members/1#',
    'https://evil.example/spaces/X/members/1',
    '',
    ' spaces/X/members/1',
  ])('rejects %j before any URL is built', (name) => {
    expect(isMembershipName(name)).toBe(false);
    expect(spaceOfMembership(name)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(isSpaceName(42)).toBe(false);
    expect(isMembershipName(undefined)).toBe(false);
  });
});
