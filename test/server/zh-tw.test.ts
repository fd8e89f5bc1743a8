/** The add-on for a person whose Google locale is zh_TW: menu, sheet headers, roles and Status in Traditional Chinese. */

import { ALICE, CAROL, type Harness, patches, rowOf, serverRole, startHarness } from '../support/harness';

const LAUNCH = 'Launch team';
/** Product and protocol names that stay as they are in zh-TW texts. */
const NAMES = /^(Google|Chat|Workspace|Apps|Script|Owner|Manager|UTC|HTTP|ID)$/;
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
