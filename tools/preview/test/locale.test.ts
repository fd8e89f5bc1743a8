/** The preview in Traditional Chinese: ?locale=zh_TW makes every preview user's Google locale zh_TW. */

import { useJourney } from './journey';

describe('preview in zh-TW (?locale=zh_TW)', () => {
  const journey = useJourney();

  it('opens with the sidebar and the add-on menu in Traditional Chinese, and switches back to English', async () => {
    const { page } = journey;
    await page.goto(`${journey.preview.url}?locale=zh_TW`);
    const sidebar = journey.sidebar();
    await sidebar.getByRole('heading', { name: 'Chat 聊天室角色' }).waitFor();
    await sidebar.getByRole('button', { name: '載入成員' }).waitFor();
    await page.getByRole('button', { name: '套用待處理的角色變更' }).waitFor();
    const labels = await sidebar.locator('[data-msg]').allTextContents();
    const english = labels.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []);
    expect(english.filter((w) => !/^(Chat|chat|Google|Workspace|JSON|memberships|app)$/.test(w))).toEqual([]);

    // Check setup (added after the catalogue): its checklist comes from the server in the person's language.
    await sidebar.getByRole('button', { name: '檢查設定' }).click();
    const checklist = sidebar.locator('#setup-checks li.check');
    await checklist.first().waitFor();
    const checks = await checklist.allTextContents();
    expect(checks.join(' ')).toContain('可連線到 Google Chat API 且已啟用');
    const words = checks.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []);
    expect(words.filter((w) => !/^(Chat|Google|Workspace|Cloud|API|Apps|Script)$/.test(w))).toEqual([]);

    await page.getByLabel('Language').selectOption('en');
    await journey.sidebar().getByRole('button', { name: 'Load members' }).waitFor();
    expect(new URL(page.url()).searchParams.get('locale')).toBe('en');
  });
});
