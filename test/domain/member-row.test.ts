import { rowOf, rowToCells } from '../../src/domain/member-row';
import { CATALOGUES, useLocale } from '../../src/domain/messages';

const cells = (type: string, state: string) => [
  'Ana',
  'ana@example.com',
  type,
  state,
  'Member',
  '',
  'spaces/A/members/1',
  'ROLE_MEMBER',
  '',
];

describe('rowOf', () => {
  afterEach(() => useLocale('en'));

  it('reads Type and State in any catalogue’s words as the add-on’s own labels, whatever the active language', () => {
    const kinds = { person: 'Person', app: 'Chat app', group: 'Google Group' } as const;
    const states = { JOINED: 'Joined', INVITED: 'Invited', NOT_A_MEMBER: 'Not a member', LEFT: 'Left' } as const;
    for (const locale of ['en', 'zh-TW']) {
      useLocale(locale);
      for (const m of Object.values(CATALOGUES)) {
        for (const [key, label] of Object.entries(kinds))
          expect(rowOf(cells(m.kinds[key as keyof typeof kinds], 'Joined')).type).toBe(label);
        for (const [key, label] of Object.entries(states))
          expect(rowOf(cells('Person', m.states[key as keyof typeof states])).state).toBe(label);
      }
    }
  });

  it('keeps words no catalogue has as they are', () => {
    const row = rowOf(cells('Robot', 'Sleeping'));
    expect(row.type).toBe('Robot');
    expect(row.state).toBe('Sleeping');
    expect(rowOf(cells('constructor', 'toString')).state).toBe('toString');
  });

  it('reads back what rowToCells wrote, in either language', () => {
    const row = {
      name: 'Ana',
      email: 'ana@example.com',
      type: 'Chat app' as const,
      state: 'Not a member',
      role: 'Member',
      status: '',
      key: 'spaces/A/members/1',
      serverRole: 'ROLE_MEMBER' as const,
    };
    for (const locale of ['en', 'zh-TW']) {
      useLocale(locale);
      expect(rowOf(rowToCells(row))).toEqual(row);
    }
  });
});
