import { type AuditEntry, auditCells, inversePlan } from '../../src/domain/audit';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  time: '2026-11-29T10:00:00.000Z',
  who: 'alice@example.com',
  space: 'Launch team',
  member: 'Carol',
  key: 'spaces/S/members/3',
  from: 'ROLE_MEMBER',
  to: 'ROLE_MANAGER',
  result: 'applied',
  errorStatus: '',
  errorMessage: '',
  runId: 'r1',
  ...over,
});

describe('audit rows', () => {
  it('records roles by their UI names', () => {
    expect(auditCells(entry({}))).toEqual([
      '2026-11-29T10:00:00.000Z',
      'alice@example.com',
      'Launch team',
      'Carol',
      'spaces/S/members/3',
      'Member',
      'Owner',
      'applied',
      '',
      '',
      'r1',
    ]);
  });
});

describe('inversePlan', () => {
  const rows = [
    auditCells(entry({ key: 'spaces/S/members/3', from: 'ROLE_MEMBER', to: 'ROLE_MANAGER' })),
    auditCells(entry({ key: 'spaces/S/members/4', from: 'ROLE_MANAGER', to: 'ROLE_MEMBER' })),
    auditCells(entry({ key: 'spaces/S/members/5', result: 'failed' })),
    auditCells(entry({ key: 'spaces/S/members/6', runId: 'other' })),
    auditCells(entry({ key: 'spaces/T/members/7', from: 'ROLE_MEMBER', to: 'ROLE_ASSISTANT_MANAGER' })),
  ];

  it('reverses what the run applied, newest first, and nothing else', () => {
    const current = new Map([
      ['spaces/S/members/3', 'ROLE_MANAGER'],
      ['spaces/S/members/4', 'ROLE_MEMBER'],
      ['spaces/T/members/7', 'ROLE_ASSISTANT_MANAGER'],
    ] as const);
    const { changes, skipped } = inversePlan(rows, 'r1', (k) => current.get(k as never));
    expect(changes.map((c) => [c.key, c.from, c.to])).toEqual([
      ['spaces/T/members/7', 'ROLE_ASSISTANT_MANAGER', 'ROLE_MEMBER'],
      ['spaces/S/members/4', 'ROLE_MEMBER', 'ROLE_MANAGER'],
      ['spaces/S/members/3', 'ROLE_MANAGER', 'ROLE_MEMBER'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips members changed again since the run, saying so', () => {
    const { changes, skipped } = inversePlan(rows, 'r1', (k) =>
      k === 'spaces/S/members/3' ? 'ROLE_ASSISTANT_MANAGER' : undefined,
    );
    expect(changes).toEqual([]);
    expect(skipped.find((s) => s.key === 'spaces/S/members/3')?.reason).toMatch(/changed again since \(now Manager\)/);
    expect(skipped.find((s) => s.key === 'spaces/T/members/7')?.reason).toMatch(/not in a loaded sheet/);
  });
});
