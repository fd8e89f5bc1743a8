import { type MemberRow, rowToCells } from '../../src/domain/member-row';
import { mergeRefresh } from '../../src/domain/refresh-merge';

const member = (id: number, serverRole: MemberRow['serverRole'], over: Partial<MemberRow> = {}): MemberRow => ({
  name: `Person ${id}`,
  email: `p${id}@example.com`,
  type: 'Person',
  state: 'Joined',
  role: serverRole === 'ROLE_MANAGER' ? 'Owner' : serverRole === 'ROLE_ASSISTANT_MANAGER' ? 'Manager' : 'Member',
  status: '',
  key: `spaces/S/members/${id}`,
  serverRole,
  ...over,
});

describe('mergeRefresh', () => {
  it('keeps a pending edit and flags a role changed in Chat since the load', () => {
    const sheet = [rowToCells({ ...member(1, 'ROLE_MEMBER'), role: 'Owner' }), rowToCells(member(2, 'ROLE_MEMBER'))];
    const fresh = [member(1, 'ROLE_MEMBER'), member(2, 'ROLE_ASSISTANT_MANAGER')];
    const { rows, drifted } = mergeRefresh(sheet, fresh);
    expect(rows[0]).toMatchObject({ role: 'Owner', serverRole: 'ROLE_MEMBER' });
    expect(rows[1]).toMatchObject({
      role: 'Manager',
      serverRole: 'ROLE_ASSISTANT_MANAGER',
      status: expect.stringMatching(/was Member, now Manager/),
    });
    expect(drifted).toBe(1);
  });

  it('keeps people who left, with a note naming the change that was not applied, and appends newcomers', () => {
    const sheet = [rowToCells({ ...member(1, 'ROLE_MEMBER'), role: 'Manager' })];
    const { rows, gone, added } = mergeRefresh(sheet, [member(3, 'ROLE_MEMBER')]);
    expect(rows[0]).toMatchObject({
      key: 'spaces/S/members/1',
      role: '',
      status: expect.stringMatching(/No longer.*Manager was not applied/),
    });
    expect(rows[1]?.key).toBe('spaces/S/members/3');
    expect([gone, added]).toEqual([1, 1]);
  });

  it('drops the pending edit once the server already has that role', () => {
    const sheet = [rowToCells({ ...member(1, 'ROLE_MEMBER'), role: 'Owner' })];
    const { rows } = mergeRefresh(sheet, [member(1, 'ROLE_MANAGER')]);
    expect(rows[0]).toMatchObject({ role: 'Owner', serverRole: 'ROLE_MANAGER' });
  });
});
