import { type AuditEntry, auditCells } from '../../src/domain/audit';

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
