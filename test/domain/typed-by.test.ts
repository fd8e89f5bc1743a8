import {
  authorOf,
  decodeTypedRecords,
  encodeTypedRecords,
  MAX_RECORD_CHARS,
  withRecord,
} from '../../src/domain/typed-by';

const KEY = 'spaces/AAAALaunch/members/1003';

describe('who typed a pending Role cell', () => {
  it('names the editor while the cell still asks for the role they typed', () => {
    const records = withRecord(new Map(), KEY, 'ROLE_MANAGER', 'Carol@Example.com');
    expect(authorOf(records, KEY, 'ROLE_MANAGER')).toBe('carol@example.com');
  });

  it('forgets the author once the cell asks for something else (a script write fires no trigger)', () => {
    const records = withRecord(new Map(), KEY, 'ROLE_ASSISTANT_MANAGER', 'carol@example.com');
    expect(authorOf(records, KEY, 'ROLE_MANAGER')).toBe('');
    expect(authorOf(records, 'spaces/AAAALaunch/members/1004', 'ROLE_MANAGER')).toBe('');
  });

  it('survives a round trip through a property value, and reads damage as "unknown"', () => {
    const records = withRecord(withRecord(new Map(), KEY, 'ROLE_MANAGER', 'a@x.com'), 'k2', 'ROLE_MEMBER', '');
    expect(decodeTypedRecords(encodeTypedRecords(records))).toEqual(records);
    expect(decodeTypedRecords('{not json')).toEqual(new Map());
    expect(decodeTypedRecords('[["k","ROLE_OWNER","x"],[1,2,3]]')).toEqual(new Map());
  });

  it('drops the oldest records first so the value always fits one property', () => {
    let records = new Map();
    for (let i = 0; i < 500; i++) records = withRecord(records, `spaces/S/members/${i}`, 'ROLE_MANAGER', `p${i}@x.com`);
    const text = encodeTypedRecords(records);
    expect(text.length).toBeLessThanOrEqual(MAX_RECORD_CHARS);
    const kept = decodeTypedRecords(text);
    expect(kept.has('spaces/S/members/499')).toBe(true);
    expect(kept.has('spaces/S/members/0')).toBe(false);
  });
});
