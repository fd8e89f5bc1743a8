import { createHmac } from 'node:crypto';
import { sealer, sealPayload, sealsMatch, utf8 } from '../../src/domain/row-seal';

const context = { sheetId: 7, space: 'spaces/AAAALaunch', access: 'user' as const, generation: 2 };
const fields = [
  'Carol Diaz',
  'carol@example.com',
  'Person',
  'Joined',
  'spaces/AAAALaunch/members/1003',
  'ROLE_MEMBER',
] as const;

describe('row seals', () => {
  it('are HMAC-SHA256 of the row and its binding under the document secret (first 128 bits)', () => {
    const expected = createHmac('sha256', 'secret').update(sealPayload(context, fields)).digest('hex').slice(0, 32);
    expect(sealer('secret', context)(fields)).toBe(expected);
  });

  it.each([
    ['remembered (an Apply’s checks)', true],
    ['not remembered (a load)', false],
  ])(
    'stay right row after row from one sealer, %s (its scratch state and bytes never carry over), in any script',
    (_how, remember) => {
      const seal = sealer('secret', context, remember);
      for (let i = 0; i < 50; i++) {
        const row = [
          // Short and long names (past the sealer's 1,024-byte scratch), ASCII and not, one after the other.
          `${i % 2 ? '陳大文' : 'Carol'} ${i % 5 === 0 ? 'x'.repeat(1100 + i) : i}`,
          `p${i}@example.com`,
          'Person',
          'Joined',
          `m/${i}`,
          'ROLE_MEMBER',
        ] as const;
        const node = createHmac('sha256', 'secret').update(sealPayload(context, row)).digest('hex').slice(0, 32);
        expect(seal(row)).toBe(node);
        expect(seal(row)).toBe(node);
      }
    },
  );

  it('change with the secret, the sheet, the load generation, the access and every sealed field', () => {
    const seal = sealer('secret', context)(fields);
    expect(sealer('other', context)(fields)).not.toBe(seal);
    expect(sealer('secret', { ...context, sheetId: 8 })(fields)).not.toBe(seal);
    expect(sealer('secret', { ...context, generation: 3 })(fields)).not.toBe(seal);
    expect(sealer('secret', { ...context, access: 'admin' })(fields)).not.toBe(seal);
    for (let i = 0; i < fields.length; i++) {
      const changed = [...fields] as string[];
      changed[i] = `${changed[i]}x`;
      expect(sealer('secret', context)(changed as unknown as typeof fields)).not.toBe(seal);
    }
  });

  it('encode text as UTF-8 like Node does (names in any script)', () => {
    for (const text of ['Carol', 'Zoë', '陳大文', '😀 emoji'])
      expect([...utf8(text)]).toEqual([...Buffer.from(text, 'utf8')]);
  });

  it('compare whole values only', () => {
    expect(sealsMatch('abcd', 'abcd')).toBe(true);
    expect(sealsMatch('abcd', 'abc')).toBe(false);
    expect(sealsMatch('abcd', undefined)).toBe(false);
  });
});
