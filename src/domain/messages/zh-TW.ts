/**
 * Traditional Chinese (Taiwan). Role names follow Google Chat's own zh-TW interface after the 2025 rename:
 * 成員 (Member), 管理員 (Manager), 擁有者 (Owner); sources in docs/zh-TW.md. Typed as `Messages`, so a key missing
 * here is a compile error.
 */

import type { CoreMessages, Messages } from './en';
import { zhTWSetup } from './zh-TW-setup';
import { zhTWSidebar } from './zh-TW-sidebar';

const core: CoreMessages = {
  appTitle: 'Chat 聊天室角色',
  roles: { ROLE_MEMBER: '成員', ROLE_ASSISTANT_MANAGER: '管理員', ROLE_MANAGER: '擁有者' },
  roleChoices: '成員、管理員或擁有者',
  notARole: (shown: string) => `${shown}不是角色：請輸入成員、管理員或擁有者`,
  emptyCell: '空白儲存格',
  ambiguousRole: (typed: string) =>
    `「${typed}」有歧義：Google 舊版說明用它指擁有者。請輸入擁有者 (Owner) 或管理員 (Manager)`,
  noRole: '無角色',
  menu: {
    openSidebar: '開啟側邊欄',
    apply: '套用待處理的角色變更',
    preview: '預覽待處理的變更 (試執行)',
    undo: '復原上次的批次套用',
    resume: '繼續批次套用',
    refresh: '重新整理成員',
    liveOn: '開啟即時編輯',
    liveOff: '關閉即時編輯',
    liveToggle: '開啟或關閉即時編輯',
    checkSetup: '檢查設定',
  },
  toast: {
    liveOn: '已開啟即時編輯：角色一經修改就會套用。',
    liveOff: '已關閉即時編輯。',
    noUnfinishedRun: '沒有未完成的批次套用。',
    refreshed: (members: number, drifted: number, added: number, gone: number) =>
      `${members} 位成員：${drifted} 位在 Chat 中有變更，${added} 位新加入，${gone} 位已離開。`,
    applying: (n: number) => `正在套用 ${n} 項角色變更…`,
    lookingUp: (n: number) => `正在查詢以電子郵件新增的 ${n} 列…`,
    undoing: (n: number) => `正在復原 ${n} 項角色變更…`,
    finished: (applied: number, failed: number) => `已套用 ${applied} 項，失敗 ${failed} 項。`,
    undone: (undone: number, failed: number) => `已復原 ${undone} 項，失敗 ${failed} 項。`,
    stillGoing: (applied: number, failed: number, pending: number) =>
      `已套用 ${applied} 項，失敗 ${failed} 項。還有 ${pending} 項：將在背景繼續。`,
    paused: (applied: number, failed: number, note: string) => `已套用 ${applied} 項，失敗 ${failed} 項。${note}`,
    runFinished: (applied: number, failed: number) => `批次套用已完成：已套用 ${applied} 項，失敗 ${failed} 項。`,
    notApplied: (result: string, items: string, more: number) =>
      `${result}未套用：${items}${more > 0 ? `；另有 ${more} 列` : ''}。`,
    notAppliedSeparator: '；',
    notAppliedItem: (who: string, reason: string) => `${who} (${reason})`,
  },
  dialog: {
    nothingPending: '沒有待處理的角色變更。',
    applyTitle: (n: number) => `要套用 ${n} 項角色變更嗎？`,
    lookUpTitle: (n: number) => `要查詢以電子郵件新增的 ${n} 列嗎？`,
    lookups: (n: number) => `會先查詢以電子郵件新增的 ${n} 列：只有對方是這個聊天室的成員時，才會套用角色。`,
    you: '你',
    unknown: '不明人士',
    line: (space: string, member: string, from: string, to: string, by: string) =>
      `• ${space} · ${member}：${from} → ${to} (由${by}輸入)`,
    lookupLine: (space: string, email: string, to: string, by: string) =>
      `• ${space} · ${email}：→ ${to}，前提是對方是成員 (以電子郵件新增，由${by}輸入)`,
    others: (n: number, asAdmin: boolean, withApp: boolean) =>
      `以上有 ${n} 項變更沒有記錄為你輸入的，將以你的${asAdmin ? ' Workspace 管理員' : ''}權限${
        withApp ? '並使用你的 Chat 應用程式金鑰' : ''
      }執行。`,
    mineToo: (all: number, mine: number) =>
      `「是」：全部 ${all} 項都套用。「否」：只套用你輸入的 ${mine} 項。「取消」：都不套用。`,
    refusals: (n: number) => `${n} 列無法套用，將還原並在「處理狀態」欄說明原因。`,
    noUndo: '你在這份試算表中沒有可復原的批次套用。',
    nothingToUndo: (skipped: number) =>
      `上次的批次套用沒有可復原的項目。${skipped > 0 ? `其中 ${skipped} 項之後又被變更過。` : ''}`,
    undoTitle: (n: number) => `要復原你上次批次套用的 ${n} 項變更嗎？`,
    undoLine: (space: string, member: string, from: string, to: string) => `• ${space} · ${member}：${from} → ${to}`,
    skipped: (who: string, reason: string) => `略過 ${who}：${reason}`,
    summaryLine: (space: string, total: number, parts: string) => `${space}：${total} 項 (${parts})`,
  },
  status: {
    applied: (role: string, at: string) => `✓ 現為${role} · ${at}`,
    refused: (reason: string) => `✗ 未變更：${reason}`,
    failed: (reason: string) => `✗ 失敗：${reason}`,
    appliedSoFar: '✓ 已套用',
    failedSoFar: '✗ 失敗',
    pendingOtherEditor: (editor: string) => `⏳ 待處理：由${editor || '不明人士'}輸入`,
    pendingNotConfirmed: '⏳ 待處理：套用確認視窗開啟期間被修改，因此未套用；請使用「套用待處理的角色變更」確認',
    pendingBusy: '⏳ 待處理：當時有其他作業正在執行；請使用「套用待處理的角色變更」',
    pendingChangedMeanwhile: '⏳ 待處理：批次套用等待期間「角色」儲存格被修改；請使用「套用待處理的角色變更」',
    pendingTimeLimit: '⏳ 待處理：在時間限制內未處理到；請使用「套用待處理的角色變更」',
    unseenElsewhere: (who: string, role: string) =>
      `⚠ 這裡輸入的${role}未送出：${who}對這位成員的變更可能已在 Chat 中生效，但這裡尚未顯示；該變更完成後會更新這一列 (也可以按「重新整理成員」)`,
    drift: (was: string, now: string) => `⚠ 上次載入後已在 Chat 中變更：原為${was}，現為${now}`,
    gone: '⚠ 已不在這個聊天室',
    goneWithChange: (role: string) => `⚠ 已不在這個聊天室 (改為${role}的變更未套用)`,
    cellRestored: '↺ 只能編輯「角色」欄；這個儲存格已還原',
  },
  reason: {
    keysChanged: '這一列已與載入時的成員不符 (隱藏儲存格被修改或複製)；請按「重新整理成員」重新載入',
    groupNoRole: 'Google 群組在聊天室中沒有角色',
    appRole: '無法變更 Chat 應用程式的角色',
    namedSpacesOnly: '只有具名聊天室有管理員和擁有者，群組對話和即時訊息沒有',
    memberCannot: '只有擁有者和管理員能變更角色，而套用者在此是成員',
    managerCannot: '管理員無法將他人設為擁有者，也無法變更擁有者的角色',
    keepOwner: '聊天室至少要有一位擁有者：請先將其他人設為擁有者',
    typeEmail: '若要以電子郵件新增，請在「電子郵件」欄輸入對方的電子郵件',
    emailNoLookup: '無法查詢這個電子郵件',
    alreadyListed: '這個人在此工作表中已有一列',
    notAMember: '不是這個聊天室的成員 (這個外掛程式只變更角色，不會新增成員)',
    noAnswer: 'Google Chat 沒有回應',
    unknownError: '不明錯誤',
    unknownOutcome: '重試後 Google Chat 仍未確認這項變更是否完成：請按「重新整理成員」查看 Chat 中的角色',
    superseded: '這項變更送出前，「角色」儲存格又被修改了',
    gaveUp: '嘗試多次後放棄',
    notInLoadedSheet: '這位成員不在任何已載入的工作表中',
    changedMeanwhile: (now: string) => `這段期間已有其他人在 Chat 中變更 (現為${now})`,
    changedAgain: (now: string) => `之後又變更過 (現為${now})`,
    notMade: (now: string) => `Google Chat 有回應，但沒有做這項變更：Chat 中的角色是${now}`,
  },
  api: {
    refused: 'Google Chat 拒絕了這項變更',
    rejected: 'Google Chat 拒絕了這項要求',
    signInExpired: 'Google 登入已過期：請重新載入試算表後再試一次',
    noPermission: 'Google Chat 不允許以目前使用的權限執行這項操作',
    notFound: '找不到：這位成員可能已離開聊天室，或套用者已不在聊天室中',
    conflict: 'Google Chat 回報衝突：請重新整理成員後再試一次',
    quota: '重試後仍超出 Google Chat 配額：請稍候一分鐘再試',
    unavailable: (status: number) => `Google Chat 目前無法使用 (HTTP ${status})，重試後仍然失敗`,
    unexpected: (status: number) => `Google Chat 傳回非預期的回應 (HTTP ${status})`,
  },
  error: {
    busy: '這份試算表中有另一項 Chat 角色作業正在執行。請稍後再試。',
    couldNot: (what: string, reason: string) => `無法${what}：${reason}`,
    noAnswer: (what: string) => `無法${what}：Google Chat 沒有回應。請稍後再試。`,
    notJson: '回應不是有效的 JSON',
    tooManyPages: (max: number) => `超過 ${max} 頁`,
    listSpaces: '列出你的聊天室',
    searchSpaces: '搜尋貴機構的聊天室',
    readSpace: '讀取聊天室',
    listMembers: '列出成員',
    notASpace: '這不是 Chat 聊天室名稱 (應為 spaces/…)。',
    badAccess: '請以自己、Workspace 管理員或 Chat 應用程式的身分載入聊天室。',
    openMemberSheet: '請開啟成員工作表 (從側邊欄載入的工作表)，再選擇一次「重新整理成員」。',
    noAppKey: '尚未儲存服務帳戶金鑰：請先在側邊欄加入 Chat 應用程式的金鑰。',
    appSignIn: (reason: string) => `Chat 應用程式無法登入：${reason}`,
    noGoogleAnswer: 'Google 沒有回應',
    pasteKey: '請貼上服務帳戶的 JSON 金鑰檔。',
    keyTooLong: '內容太長，不可能是服務帳戶金鑰檔。',
    keyNotJson: '這不是 JSON 金鑰檔 (必須是完整的檔案，以「{」開頭)。',
    keyNotServiceAccount: '金鑰檔必須屬於服務帳戶 ("type": "service_account")。',
    keyNoEmail: '金鑰檔沒有有效的 "client_email" (…@….iam.gserviceaccount.com)。',
    keyNoPrivateKey: '金鑰檔沒有有效的 "private_key" (PEM 區塊 "BEGIN PRIVATE KEY")。',
    keyTokenUri: (url: string) => `金鑰檔的 "token_uri" 必須是 ${url}。`,
  },
  headers: {
    member: [
      '名稱',
      '電子郵件',
      '類型',
      '狀態',
      '角色',
      '處理狀態',
      '成員資格 (鍵值)',
      '伺服器角色 (鍵值)',
      '快照 (鍵值)',
    ],
    preview: ['聊天室', '成員', '成員資格', '目前角色', '要求的角色', '結果'],
    audit: [
      '時間',
      '執行者',
      '聊天室',
      '成員',
      '成員資格',
      '原角色',
      '新角色',
      '結果',
      '錯誤狀態',
      '錯誤訊息',
      '執行 ID',
    ],
  },
  kinds: { person: '使用者', app: 'Chat 應用程式', group: 'Google 群組' },
  states: { JOINED: '已加入', INVITED: '已邀請', NOT_A_MEMBER: '非成員', LEFT: '已離開' },
  preview: {
    willApply: '將套用',
    willLookUp: '將以電子郵件查詢，若對方是成員就套用',
    willRefuse: (reason: string) => `將拒絕：${reason}`,
  },
  audit: { applied: '已套用', failed: '失敗', refused: '已拒絕' },
  names: {
    idShown: '顯示的是 Chat ID，而非名稱。',
    emailUnknown: '不知道電子郵件地址。',
    notInDirectory: (shown: string) => `在機構的目錄中找不到 (機構外的帳戶，或已刪除的帳戶)。${shown}`,
    noPermission: (shown: string) =>
      `載入這個工作表的帳戶無法讀取機構的目錄 (Google 回應 403)，因此未查詢名稱。${shown}`,
    busy: (shown: string) => `目錄多次嘗試後仍忙碌 (頻率限制或伺服器錯誤)。${shown}請按「重新整理成員」再試一次。`,
    unreachable: (shown: string) => `無法連線到目錄。${shown}請按「重新整理成員」再試一次。`,
    notLookedUp: (shown: string) => `Chat 提供的 ID 不是這個外掛程式會查詢的類型。${shown}`,
    outOfTime: (shown: string) =>
      `尚未查詢：為了不超過 Apps Script 的時間限制而停止查詢。${shown}請按「重新整理成員」查詢其餘的人。`,
    errorStatus: (shown: string, status: number) => `目錄傳回錯誤${status ? ` (HTTP ${status})` : ''}。${shown}`,
  },
  sheetTitles: {
    untitledSpace: 'Chat 聊天室',
    spaceSuffix: (title: string) => `${title} (聊天室)`,
    accessSuffix: (title: string, access: 'admin' | 'app') =>
      `${title} (${access === 'admin' ? '管理員身分' : 'Chat 應用程式'})`,
    audit: '稽核記錄',
    preview: '預覽',
  },
};

export const zhTW: Messages = { ...core, ...zhTWSetup, sidebar: zhTWSidebar };
