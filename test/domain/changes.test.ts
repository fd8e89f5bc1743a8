import { decideRow, planSpace, type RoleChange, summarize } from '../../src/domain/changes';
import type { MemberRow } from '../../src/domain/member-row';

const row = (over: Partial<MemberRow> = {}): MemberRow => ({
  name: 'Carol',
  email: 'carol@example.com',
  type: 'Person',
  state: 'Joined',
  role: 'Member',
  status: '',
  key: 'spaces/S/members/3',
  serverRole: 'ROLE_MEMBER',
  ...over,
});
const facts = { space: 'spaces/S', spaceType: 'SPACE', access: 'user' as const, callerRole: 'ROLE_MANAGER' as const };

describe('decideRow', () => {
  it('sees no change when the Role cell matches the server', () => {
    expect(decideRow(row(), 0, true, facts)).toEqual({ kind: 'unchanged' });
  });

  it('turns a UI name into the right API role (Owner = ROLE_MANAGER)', () => {
    const d = decideRow(row({ role: 'owner' }), 4, true, facts);
    expect(d).toEqual({
      kind: 'change',
      change: {
        access: 'user',
        index: 4,
        key: 'spaces/S/members/3',
        space: 'spaces/S',
        who: 'Carol',
        from: 'ROLE_MEMBER',
        to: 'ROLE_MANAGER',
      },
    });
  });

  it('normalises a same-role spelling without a request', () => {
    expect(decideRow(row({ role: ' member ' }), 0, true, facts)).toEqual({
      kind: 'refuse',
      reason: '',
      restore: 'Member',
    });
  });

  it.each([
    [{ role: 'Boss' }, facts, /not a role/],
    [{ type: 'Chat app' as const, role: 'Manager' }, facts, /Chat app/],
    [{ role: 'Manager' }, { ...facts, spaceType: 'GROUP_CHAT' }, /only in named spaces/],
    [{ role: 'Manager' }, { ...facts, callerRole: 'ROLE_MEMBER' as const }, /the person applying is a Member here/],
    [
      { role: 'Owner' },
      { ...facts, callerRole: 'ROLE_ASSISTANT_MANAGER' as const },
      /Manager can't make someone an Owner/,
    ],
    [
      { role: 'Member', serverRole: 'ROLE_MANAGER' as const },
      { ...facts, callerRole: 'ROLE_ASSISTANT_MANAGER' as const },
      /change an Owner's role/,
    ],
    [{ key: 'spaces/OTHER/members/3', role: 'Owner' }, facts, /no longer matches the member it was loaded for/],
  ])('refuses %j and restores the server role', (over: Partial<MemberRow>, f, reason) => {
    const d = decideRow(row(over), 0, true, f);
    expect(d.kind).toBe('refuse');
    if (d.kind === 'refuse') {
      expect(d.reason).toMatch(reason);
      expect(d.restore).toBe(over.serverRole === 'ROLE_MANAGER' ? 'Owner' : 'Member');
    }
  });

  it('refuses any role on a Google Group and empties the cell', () => {
    expect(decideRow(row({ type: 'Google Group', role: 'Owner', serverRole: '' }), 0, true, facts)).toMatchObject({
      kind: 'refuse',
      restore: '',
    });
  });

  it('refuses rows whose keys were tampered with', () => {
    expect(decideRow(row({ role: 'Owner' }), 0, false, facts)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringMatching(/Refresh/),
    });
  });

  it("with admin access, ignores the person's own role in the space", () => {
    const admin = { ...facts, access: 'admin' as const, callerRole: 'ROLE_MEMBER' as const };
    expect(decideRow(row({ role: 'Owner' }), 0, true, admin)).toMatchObject({
      kind: 'change',
      change: { access: 'admin', to: 'ROLE_MANAGER' },
    });
  });

  it('lets a Manager make Managers', () => {
    expect(decideRow(row({ role: 'Manager' }), 0, true, { ...facts, callerRole: 'ROLE_ASSISTANT_MANAGER' }).kind).toBe(
      'change',
    );
  });
});

const change = (index: number, from: RoleChange['from'], to: RoleChange['to']): RoleChange => ({
  access: 'user',
  index,
  key: `spaces/S/members/${index}`,
  space: 'spaces/S',
  who: `m${index}`,
  from,
  to,
});

describe('planSpace', () => {
  it('promotes a new Owner before demoting the old one', () => {
    const demote = change(0, 'ROLE_MANAGER', 'ROLE_MEMBER');
    const promote = change(5, 'ROLE_MEMBER', 'ROLE_MANAGER');
    const { ordered, refused } = planSpace([demote, promote], 1);
    expect(ordered).toEqual([promote, demote]);
    expect(refused).toEqual([]);
  });

  it('refuses demoting the last Owner', () => {
    const { ordered, refused } = planSpace([change(0, 'ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER')], 1);
    expect(ordered).toEqual([]);
    expect(refused[0]?.reason).toMatch(/at least one Owner/);
  });

  it('allows demoting all but one of several Owners', () => {
    const { ordered, refused } = planSpace(
      [change(0, 'ROLE_MANAGER', 'ROLE_MEMBER'), change(1, 'ROLE_MANAGER', 'ROLE_MEMBER')],
      2,
    );
    expect(ordered).toHaveLength(1);
    expect(refused).toHaveLength(1);
  });
});

describe('summarize', () => {
  it('counts changes per space and per kind, in UI names', () => {
    const lines = summarize(
      [
        change(1, 'ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER'),
        change(2, 'ROLE_MEMBER', 'ROLE_ASSISTANT_MANAGER'),
        change(3, 'ROLE_ASSISTANT_MANAGER', 'ROLE_MANAGER'),
      ],
      new Map([['spaces/S', 'Launch team']]),
    );
    expect(lines).toEqual(['Launch team: 3 (Member → Manager ×2, Manager → Owner ×1)']);
  });
});
