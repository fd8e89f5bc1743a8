import { type AuthoredChange, changeId, confirmationOf, confirmedPart } from '../../src/domain/confirmation';

const change = (id: number, typedBy: string, to: AuthoredChange['to'] = 'ROLE_MANAGER'): AuthoredChange => ({
  access: 'admin',
  index: id,
  key: `spaces/F/members/${id}`,
  space: 'spaces/F',
  who: `Person ${id}`,
  from: 'ROLE_MEMBER',
  to,
  typedBy,
});

const words = {
  you: 'you',
  unknown: 'someone unknown',
  line: (s: string, m: string, f: string, t: string, by: string) => `${s} · ${m}: ${f} → ${t} (typed by ${by})`,
  lookupLine: (s: string, e: string, t: string, by: string) => `${s} · ${e}: → ${t} (typed by ${by})`,
};

describe('the confirmation', () => {
  it('lists every change with its author: yours first, then named people, then unknown', () => {
    const c = confirmationOf(
      [change(1, ''), change(2, 'carol@x.com'), change(3, 'ada@x.com')],
      [],
      'Ada@x.com',
      () => 'Finance',
      (email) => (email === 'carol@x.com' ? 'Carol Diaz' : ''),
      words,
    );
    expect(c.lines).toEqual([
      'Finance · Person 3: Member → Owner (typed by you)',
      'Finance · Person 2: Member → Owner (typed by Carol Diaz)',
      'Finance · Person 1: Member → Owner (typed by someone unknown)',
    ]);
    expect([c.byYou, c.byOthers]).toEqual([1, 2]);
    expect([...c.accesses]).toEqual(['admin']);
  });

  it('applies exactly what was confirmed; a change the dialog never showed waits', () => {
    const shown = [change(1, 'ada@x.com'), change(2, 'carol@x.com')];
    const confirmed = new Set(shown.map(changeId));
    const replanned = [change(1, 'ada@x.com'), change(2, 'carol@x.com', 'ROLE_ASSISTANT_MANAGER'), change(3, '')].map(
      (c) => ({ ...c, id: changeId(c) }),
    );
    const all = confirmedPart(confirmed, replanned, 'all', 'ada@x.com');
    expect(all.apply.map((c) => c.index)).toEqual([1]);
    expect(all.changedMeanwhile.map((c) => c.index)).toEqual([2, 3]);
    const mine = confirmedPart(new Set(replanned.map((c) => c.id)), replanned, 'mine', 'ADA@x.com');
    expect(mine.apply.map((c) => c.index)).toEqual([1]);
    expect(mine.notChosen.map((c) => c.index)).toEqual([2, 3]);
    expect(confirmedPart(confirmed, replanned, 'none', 'ada@x.com').apply).toEqual([]);
  });
});
