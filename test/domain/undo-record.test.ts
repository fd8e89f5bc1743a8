import { decodeUndo, encodeUndo, inversePlan, MAX_UNDO_CHARS, type UndoRecord } from '../../src/domain/undo-record';

const words = {
  notLoaded: 'the member is not in a loaded sheet',
  changedSince: (now: string) => `changed again since (now ${now})`,
  noRole: 'no role',
};

const record: UndoRecord = {
  runId: 'r1',
  changes: [
    { key: 'spaces/S/members/3', who: 'Carol', from: 'ROLE_MEMBER', to: 'ROLE_MANAGER', access: 'user' },
    { key: 'spaces/S/members/4', who: 'Dan', from: 'ROLE_MANAGER', to: 'ROLE_MEMBER', access: 'user' },
    { key: 'spaces/T/members/7', who: 'Erin', from: 'ROLE_MEMBER', to: 'ROLE_ASSISTANT_MANAGER', access: 'admin' },
  ],
};

describe('the undo record', () => {
  it('survives a round trip and refuses anything damaged', () => {
    expect(decodeUndo(encodeUndo(record))).toEqual(record);
    expect(decodeUndo('{"v":1,"id":"r","c":[["k","x",0,9,"user"]]}')).toBeUndefined();
    expect(decodeUndo('not json')).toBeUndefined();
  });

  it('is not kept when it would not fit the store', () => {
    const big: UndoRecord = {
      runId: 'r',
      changes: Array.from({ length: 8000 }, (_, i) => ({
        key: `spaces/AAAAAAAAAAA/members/${100000 + i}`,
        who: `Employee number ${i}`,
        from: 'ROLE_MEMBER' as const,
        to: 'ROLE_MANAGER' as const,
        access: 'user' as const,
      })),
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_UNDO_CHARS);
    expect(encodeUndo(big)).toBeUndefined();
  });

  it('reverses what the run applied, newest first, with the access it used', () => {
    const current = new Map([
      ['spaces/S/members/3', 'ROLE_MANAGER'],
      ['spaces/S/members/4', 'ROLE_MEMBER'],
      ['spaces/T/members/7', 'ROLE_ASSISTANT_MANAGER'],
    ] as const);
    const { changes, skipped } = inversePlan(record, (k) => current.get(k as never), words);
    expect(changes.map((c) => [c.key, c.from, c.to, c.access])).toEqual([
      ['spaces/T/members/7', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MEMBER', 'admin'],
      ['spaces/S/members/4', 'ROLE_MEMBER', 'ROLE_MANAGER', 'user'],
      ['spaces/S/members/3', 'ROLE_MANAGER', 'ROLE_MEMBER', 'user'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips members changed again since the run, saying so', () => {
    const { changes, skipped } = inversePlan(
      record,
      (k) => (k === 'spaces/S/members/3' ? 'ROLE_ASSISTANT_MANAGER' : undefined),
      words,
    );
    expect(changes).toEqual([]);
    expect(skipped.find((s) => s.key === 'spaces/S/members/3')?.reason).toBe('changed again since (now Manager)');
    expect(skipped.find((s) => s.key === 'spaces/T/members/7')?.reason).toBe('the member is not in a loaded sheet');
  });
});
