import { decodeRunEnd, encodeRunEnd, type RunEnd } from '../../src/domain/run-end';

const end: RunEnd = { runId: 'run-1', kind: 'undo', applied: 12, failed: 3, endedAt: 1_765_000_000_000 };

describe('how a run ended (run-end)', () => {
  it('reads back what it wrote', () => {
    expect(decodeRunEnd(encodeRunEnd(end))).toEqual(end);
  });

  it('keeps the time in whole milliseconds (a clock may answer fractions)', () => {
    expect(decodeRunEnd(encodeRunEnd({ ...end, endedAt: end.endedAt + 0.75 }))).toEqual(end);
  });

  it.each([
    ['nothing', undefined],
    ['an empty value', ''],
    ['text that is not JSON', 'not json'],
    ['another version', JSON.stringify({ v: 2, id: 'r', k: 'apply', a: 1, f: 0, at: 1 })],
    ['an unknown kind', JSON.stringify({ v: 1, id: 'r', k: 'delete', a: 1, f: 0, at: 1 })],
    ['a negative count', JSON.stringify({ v: 1, id: 'r', k: 'apply', a: -1, f: 0, at: 1 })],
    ['a count as text', JSON.stringify({ v: 1, id: 'r', k: 'apply', a: '5', f: 0, at: 1 })],
    ['no time', JSON.stringify({ v: 1, id: 'r', k: 'apply', a: 1, f: 0 })],
  ])('reads %s as no record', (_what, text) => {
    expect(decodeRunEnd(text)).toBeUndefined();
  });
});
