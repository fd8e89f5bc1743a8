/**
 * docs/zh-TW.md's user guide (使用說明) speaks the add-on's own words: every label it quotes in 「」 is a text of the
 * zh-TW catalogue (menu items, sidebar labels, column headers, role names, sheet titles), so a renamed label fails
 * here until the guide follows; and it never calls the Owner 聊天室管理員 (Google's old, ambiguous term).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zhTW } from '../../src/domain/messages/zh-TW';

const doc = readFileSync(join(__dirname, '../../docs/zh-TW.md'), 'utf8');
const guide = doc.slice(doc.indexOf('## 使用說明'), doc.indexOf('## Role names'));

/** Every plain string of the catalogue (functions' texts are not labels). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('docs/zh-TW.md, the user guide in Traditional Chinese', () => {
  const catalogue = new Set(strings(zhTW));

  it('quotes only labels the add-on shows', () => {
    expect(guide.length).toBeGreaterThan(1000);
    const quoted = [...guide.matchAll(/「([^」]+)」/g)].map((m) => m[1] as string);
    expect(quoted.length).toBeGreaterThan(30);
    // Space names of the demo, and the old term it names only to say it is refused, are not labels.
    const notLabels = new Set(['Launch team', 'Launch team (管理員身分)', '聊天室管理員']);
    expect(quoted.filter((q) => !catalogue.has(q) && !notLabels.has(q))).toEqual([]);
    // The admin sheet's title is the catalogue's own.
    expect(zhTW.sheetTitles.accessSuffix('Launch team', 'admin')).toBe('Launch team (管理員身分)');
  });

  it('uses the catalogue’s role names, and 聊天室管理員 only as the refused old term', () => {
    for (const role of Object.values(zhTW.roles)) expect(guide).toContain(`「${role}」`);
    const oldTerm = [...guide.matchAll(/聊天室管理員/g)];
    expect(oldTerm).toHaveLength(1);
    expect(guide).toMatch(/舊詞「聊天室管理員」有歧義，會被拒絕/);
  });

  it('shows the zh-TW screenshot the browser test writes', () => {
    expect(guide).toContain('](images/preview-zh-TW.png)');
  });
});
