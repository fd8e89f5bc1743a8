import { parseRole, uiRole } from '../../src/domain/roles';

describe('role names', () => {
  it('shows the UI names: ROLE_MANAGER is Owner, ROLE_ASSISTANT_MANAGER is Manager', () => {
    expect(uiRole('ROLE_MEMBER')).toBe('Member');
    expect(uiRole('ROLE_ASSISTANT_MANAGER')).toBe('Manager');
    expect(uiRole('ROLE_MANAGER')).toBe('Owner');
  });

  it.each([
    ['Member', 'ROLE_MEMBER'],
    ['  manager ', 'ROLE_ASSISTANT_MANAGER'],
    ['OWNER', 'ROLE_MANAGER'],
    ['role_manager', 'ROLE_MANAGER'],
    ['ROLE_ASSISTANT_MANAGER', 'ROLE_ASSISTANT_MANAGER'],
    ['Role_Member', 'ROLE_MEMBER'],
  ])('reads %j as %s', (text, role) => {
    expect(parseRole(text)).toEqual({ ok: true, role });
  });

  it.each([
    ['Admin'],
    [''],
    ['   '],
    [3],
    [true],
    ['ROLE_OWNER'],
    ['MEMBERSHIP_ROLE_UNSPECIFIED'],
    ['constructor'],
    ['__proto__'],
    ['toString'],
  ])('refuses %j with a hint', (input) => {
    const parsed = parseRole(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/use Member, Manager or Owner/);
  });

  it('keeps a long unknown value short in the reason', () => {
    const parsed = parseRole('x'.repeat(5000));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeLessThan(100);
  });
});
