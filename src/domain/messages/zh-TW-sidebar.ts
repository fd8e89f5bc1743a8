/** The sidebar's words in Traditional Chinese (typed as the English ones, so a missing key fails the typecheck). */

import type { Messages } from './en';

export const zhTWSidebar: Messages['sidebar'] = {
  title: 'Chat 聊天室角色',
  signedInAs: (email: string) => `目前登入：${email}`,
  adminSummary: 'Workspace 管理員',
  iamAdmin: '我是 Google Workspace 管理員',
  actAsAdmin: '以 Workspace 管理員身分操作',
  adminHelp:
    '管理員可以使用 Chat 管理員權限管理貴機構的所有具名聊天室。以這種方式載入的工作表會以管理員權限套用變更，而且只套用你自己的編輯。',
  appSummary: 'Chat 應用程式 (服務帳戶)',
  appHelp:
    '適用於你的 Chat 應用程式建立的聊天室：變更由應用程式執行 (chat.app.memberships，需管理員核准一次)。金鑰只為你保存，之後不會再顯示。',
  appKeyStatusLabel: 'Chat 應用程式金鑰狀態',
  appKeyLabel: '服務帳戶金鑰 (JSON)',
  saveKey: '儲存金鑰',
  removeKey: '移除金鑰',
  loadAsApp: '以 Chat 應用程式身分載入',
  yourSpaces: '你的聊天室',
  orgSpaces: '貴機構的聊天室 (最活躍的在前)',
  filterPlaceholder: '依名稱篩選',
  searchPlaceholder: '依名稱搜尋',
  filterLabel: '篩選聊天室',
  spacesLabel: '聊天室',
  loadMembers: '載入成員',
  reloadList: '重新載入清單',
  liveEditing: '即時編輯 (角色一經修改就套用)',
  pendingHeading: '待處理的變更',
  previewButton: '預覽 (試執行)',
  applyButton: '套用待處理的變更',
  progressLabel: '批次套用進度',
  loadingSpaces: '正在載入你的聊天室…',
  searchingOrg: '正在搜尋貴機構的聊天室…',
  noMatch: '沒有符合篩選條件的聊天室。',
  noSpaces: '你不在任何具名聊天室中。',
  spaceCount: (n: number) => `${n} 個聊天室。`,
  spaceCountFiltered: (shown: number, total: number) => `顯示 ${shown} 個，共 ${total} 個聊天室。`,
  memberCount: (n: number) => ` · ${n} 位成員`,
  couldNotPrefix: '無法',
  couldNotList: (reason: string) => `無法列出你的聊天室：${reason}`,
  loadingMembers: (space: string) => `正在載入「${space}」的成員…`,
  loaded: (members: number, invited: number, apps: number, sheet: string) => {
    const extra = [invited > 0 ? `${invited} 位受邀者` : '', apps > 0 ? `${apps} 個應用程式` : ''].filter(Boolean);
    return `已將 ${members} 位成員${extra.length > 0 ? ` (另有 ${extra.join('、')})` : ''}載入工作表「${sheet}」。`;
  },
  couldNotLoad: (reason: string) => `無法載入成員：${reason}`,
  progress: (undo: boolean, done: number, failed: number, remaining: number, eta: string) =>
    `${undo ? '復原' : '批次套用'}：已完成 ${done} 項，失敗 ${failed} 項，剩餘 ${remaining} 項 (約需 ${eta})`,
  eta: (minutes: number, seconds: number) => (minutes > 0 ? `${minutes} 分 ${seconds} 秒` : `${seconds} 秒`),
  progressUnavailable: (reason: string) => `無法取得進度：${reason}`,
  keyStored: (email: string) => `已為 ${email} 儲存金鑰。`,
  noKey: '尚未儲存金鑰。',
  keySaved: '已儲存 Chat 應用程式金鑰。',
  keyRemoved: '已移除 Chat 應用程式金鑰。',
  previewDone: (changes: number, refused: number, sheet: string) =>
    `預覽：${changes} 項變更會套用，${refused} 項會被拒絕 (工作表「${sheet}」)。`,
  nothingApplied: '未套用任何變更。',
  applied: (applied: number, failed: number, refused: number) =>
    `已套用 ${applied} 項，失敗 ${failed} 項，拒絕 ${refused} 項。`,
  appliedContinuing: (applied: number, failed: number, refused: number, pending: number) =>
    `已套用 ${applied} 項，失敗 ${failed} 項，拒絕 ${refused} 項，${pending} 項在背景繼續。`,
  liveOn: '已開啟即時編輯。',
  liveOff: '已關閉即時編輯。',
  couldNotToggle: (reason: string) => `無法變更即時編輯設定：${reason}`,
  withNote: (progress: string, note: string) => `${progress}。${note}`,
  step: (applied: number, failed: number) => `上一步：已套用 ${applied} 項，失敗 ${failed} 項。`,
  runBusy: '另一項執行作業正在處理這次批次套用，稍後會再試一次。',
  runFinished: (applied: number, failed: number) => `批次套用已完成。上一步：已套用 ${applied} 項，失敗 ${failed} 項。`,
  runDone: '批次套用已完成：「處理狀態」欄與「稽核記錄」工作表會列出每項變更。',
  runEnded: (undo: boolean, at: string, applied: number, failed: number) =>
    undo
      ? `復原已於 ${at} 完成：已復原 ${applied} 項，失敗 ${failed} 項。`
      : `批次套用已於 ${at} 完成：已套用 ${applied} 項，失敗 ${failed} 項。`,
  stoppedDriving: (message: string) =>
    `側邊欄已停止推進批次套用 (${message})；它會在背景繼續，你也可以使用「繼續批次套用」。`,
  setupHeading: '設定',
  checkSetup: '檢查設定',
  setupChecklist: '設定檢查清單',
  checking: '正在檢查設定…',
  couldNotCheck: (message: string) => `無法檢查設定：${message}`,
  checkMark: {
    ok: (label: string) => `正常：${label}`,
    failed: (label: string) => `尚未設定：${label}`,
    skipped: (label: string) => `未檢查：${label}`,
  },
};
