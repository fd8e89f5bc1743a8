/** The add-on for a person whose Google locale is zh_TW: menu, sheet headers, roles and Status in Traditional Chinese. */

import { STRICT } from '../../tools/gas-fakes';
import { ALICE, CAROL, type Harness, patches, rowOf, serverRole, sheetValues, startHarness } from '../support/harness';

const LAUNCH = 'Launch team';
/**
 * Product and protocol names that stay as they are in zh-TW texts; GMT is a time's offset ("GMT+8"), written so in
 * Google's own zh-TW pages too.
 */
const NAMES = /^(Google|Chat|Workspace|Cloud|API|Apps|Script|Owner|Manager|UTC|GMT|HTTP|ID)$/;
const englishWords = (texts: readonly string[]) =>
  texts.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !NAMES.test(w));

describe('in Traditional Chinese (zh_TW)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.env.sim.setUserLocale(ALICE, 'zh_TW');
  });
  afterEach(() => h.stop());

  const cell = (a1: string) => String(h.env.spreadsheet.getSheetByName(LAUNCH)?.getRange(a1).getValue());

  it('shows the menu, the headers, the roles and the Status in zh-TW, with no English word', async () => {
    h.bundle.simpleTrigger('onOpen', { authMode: 'LIMITED' }, { authMode: 'LIMITED' });
    const menu = h.env.sim.ui.menuItems().map((m) => m.caption);
    expect(menu).toContain('套用待處理的角色變更');
    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', 'spaces/AAAALaunch');
      h.bundle.run('setLiveEditing', true);
    });
    const r = rowOf(h, LAUNCH, CAROL);
    expect(cell(`E${r}`)).toBe('成員');
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, '管理員');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(cell(`F${r}`)).toMatch(/^✓ 現為管理員 · /);
    const headers = ['A1', 'B1', 'C1', 'D1', 'E1', 'F1'].map(cell);
    expect(headers).toEqual(['名稱', '電子郵件', '類型', '狀態', '角色', '處理狀態']);
    expect(englishWords([...menu, ...headers, cell(`E${r}`), cell(`F${r}`)])).toEqual([]);
  });

  it('refuses the ambiguous 聊天室管理員 in a Role cell, naming both choices, and sends nothing', async () => {
    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', 'spaces/AAAALaunch');
      h.bundle.run('setLiveEditing', true);
    });
    await h.control.clearRequests();
    const r = rowOf(h, LAUNCH, CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, '聊天室管理員', { paste: true });
    expect(cell(`E${r}`)).toBe('成員');
    expect(cell(`F${r}`)).toMatch(/^✗ 未變更：.*擁有者.*管理員/);
    expect(await patches(h)).toEqual([]);
  });

  it('accepts an English role name typed into a zh-TW sheet', async () => {
    h.env.sim.as(ALICE, () => {
      h.bundle.run('loadSpace', 'spaces/AAAALaunch');
      h.bundle.run('setLiveEditing', true);
    });
    const r = rowOf(h, LAUNCH, CAROL);
    h.env.sim.userEdit(ALICE, LAUNCH, `E${r}`, 'Owner', { paste: true });
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MANAGER');
    expect(cell(`E${r}`)).toBe('擁有者');
  });
});

describe('in Traditional Chinese (zh_TW): dialogs, the checklist and background runs', () => {
  let h: Harness;
  afterEach(() => h.stop());

  /** Words of people's and spaces' own names are theirs, not the add-on's. */
  const withoutNames = (text: string) => text.replace(/Launch team|All hands|Carol Diaz|Employee \d+/g, '');

  it('lists each change in the Apply confirmation with who typed it, in zh-TW', async () => {
    h = await startHarness();
    h.env.sim.setUserLocale(ALICE, 'zh_TW');
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    h.env.sim.userEdit(ALICE, LAUNCH, `E${rowOf(h, LAUNCH, CAROL)}`, '管理員');
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('套用待處理的角色變更'));
    const dialog = h.env.sim.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('要套用 1 項角色變更嗎？');
    expect(dialog?.prompt).toContain('• Launch team · Carol Diaz：成員 → 管理員 (由不明人士輸入)');
    expect(englishWords([withoutNames(`${dialog?.title} ${dialog?.prompt}`)])).toEqual([]);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(h.env.sim.ui.toasts.at(-1)?.message).toBe('已套用 1 項，失敗 0 項。');
  });

  it('shows the Check setup checklist in zh-TW', async () => {
    h = await startHarness();
    h.env.sim.setUserLocale(ALICE, 'zh_TW');
    h.env.sim.ui.answerAlert('OK');
    const lines = h.env.sim.as(ALICE, () => h.bundle.run('checkSetupFromMenu')) as { label: string; detail: string }[];
    expect(lines.map((l) => l.label)).toContain('可連線到 Google Chat API 且已啟用');
    const prompt = h.env.sim.ui.dialogs.at(-1)?.prompt ?? '';
    expect(prompt).toMatch(/^✓ 已授予外掛程式的權限/);
    expect(englishWords([prompt])).toEqual([]);
  });

  it('writes the Status cells of a run continued by a time trigger in the language of the person who started it', async () => {
    h = await startHarness(undefined, { strict: { ...STRICT, noDocumentInTimeTriggers: false } });
    h.env.sim.setUserLocale(ALICE, 'zh_TW');
    const title = 'All hands';
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAAAllHands'));
    const members = Array.from({ length: 12 }, (_, i) => `employee${i + 1}@example.com`);
    for (const m of members) h.env.sim.userEdit(ALICE, title, `E${rowOf(h, title, m)}`, '管理員', { paste: true });
    h.env.sim.properties.script.values.set('EXECUTION_BUDGET_MS', '10000');
    h.env.sim.ui.answerAlert('YES');
    const first = h.env.sim.as(ALICE, () => h.bundle.clickMenu('套用待處理的角色變更')) as {
      report: { finished: boolean };
    };
    expect(first.report.finished).toBe(false);
    for (let i = 0; i < 10 && h.env.sim.triggers().some((t) => t.handler === 'continueBulkApply'); i++) {
      h.env.clock.sleep(122_000);
      h.env.sim.fireTimeTriggers();
    }
    const statuses = members.map((m) => sheetValues(h, title)[rowOf(h, title, m) - 1]?.[5] ?? '');
    expect(statuses.filter((s) => !s.startsWith('✓ 現為管理員'))).toEqual([]);
    expect(englishWords(statuses)).toEqual([]);
  });
});
