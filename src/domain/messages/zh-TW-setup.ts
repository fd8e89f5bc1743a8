/**
 * Setup words in Traditional Chinese. Console and menu names follow Google's zh-TW interfaces (Google Cloud 控制台,
 * API 和服務 › 程式庫, Google 管理控制台, 擴充功能); typed as the English ones, so a missing key fails the typecheck.
 */

import type { enSetup } from './en-setup';

export const zhTWSetup: typeof enSetup = {
  setup: {
    'api-disabled':
      '外掛程式的 Google Cloud 專案已關閉 Google Chat API：請該專案的擁有者在 Google Cloud 控制台中啟用 (API 和服務 › 程式庫 › Google Chat API)，然後等候幾分鐘',
    'app-not-configured':
      '外掛程式的 Google Cloud 專案尚未設定 Chat 應用程式：請該專案的擁有者在 Google Cloud 控制台填寫 Google Chat API 的「設定」頁面 (應用程式名稱、顯示圖片、說明)',
    'scope-missing':
      '外掛程式缺少需要的權限：請從「擴充功能」選單再次開啟這個外掛程式，並允許它要求的所有權限 (或請管理員允許)',
    'not-admin':
      '你的帳戶沒有 Google Chat 的 Workspace 管理員權限：請超級管理員在 Google 管理控制台中授予 (帳戶 › 管理員角色，Chat 和 Meet 管理)，或關閉「以 Workspace 管理員身分操作」',
    'app-not-approved':
      '尚無 Workspace 管理員核准這個 Chat 應用程式的 chat.app 權限：請管理員在 Google 管理控制台中核准後再試一次',
  },
  check: {
    labels: {
      permissions: '已授予外掛程式的權限',
      api: '可連線到 Google Chat API 且已啟用',
      'chat-app': 'Cloud 專案中已設定 Chat 應用程式',
      admin: 'Chat 的 Workspace 管理員權限',
      'app-key': 'Chat 應用程式金鑰有效且已核准',
      'live-editing': '即時編輯觸發條件已授權',
    },
    reauthorize: '請從「擴充功能」選單再次開啟這個外掛程式，並允許它要求的所有權限 (或請管理員允許)',
    unreachable: 'Google Chat 沒有回應：請檢查網路連線，稍後再試',
    notCheckedApi: '未檢查：無法連線到 Google Chat',
    adminOff: '未檢查：管理員模式已關閉',
    noKey: '未檢查：尚未儲存 Chat 應用程式金鑰',
    liveOff: '未檢查：即時編輯已關閉',
    liveReauthorize:
      '觸發條件以你的權限執行，而這些權限需要更新：請從「擴充功能」選單開啟這個外掛程式並允許所有權限，然後將即時編輯關閉再開啟',
    otherAnswer: (status: number) => `Google Chat 回應 HTTP ${status}：請再試一次，或查看「稽核記錄」工作表中的訊息`,
    signIn: (reason: string) => `Chat 應用程式無法登入：${reason}`,
    summaryOk: '檢查的項目都已設定完成。',
    summaryFailed: (n: number) => `有 ${n} 個項目需要修正。`,
    line: (mark: string, label: string, detail: string) => `${mark} ${label}${detail ? `：${detail}` : ''}`,
  },
  auth: {
    needsAuthorization: (url: string | null) =>
      `外掛程式需要你重新授權 (新版本要求更多存取權)。在你授權之前，即時編輯和背景繼續作業都會停止。${
        url ? `授權連結：${url}` : '請開啟外掛程式選單進行授權。'
      }`,
    scopeMissing: {
      liveEditing:
        '你沒有允許外掛程式管理它的觸發條件，因此即時編輯和背景繼續作業都已關閉。請重新授權外掛程式，並允許它要求的所有存取權。',
      admin:
        '你沒有允許外掛程式使用 Chat 管理員存取權，因此無法「以 Workspace 管理員身分操作」。請重新授權外掛程式並允許這項存取權。',
      names:
        '你沒有允許外掛程式在目錄中查詢使用者，因此 Chat 未提供名稱的成員會以 ID 顯示。請重新授權外掛程式，允許它補上名稱。',
    },
    triggerLimit:
      '無法開啟即時編輯：你已達到這個外掛程式的 Apps Script 觸發條件上限 (每人 20 個，包含你使用它的所有試算表)。請在不再編輯的試算表中關閉即時編輯。',
  },
  pause: {
    limitReached:
      '批次套用已暫停：你已達到外掛程式的觸發條件上限 (在許多試算表中開啟即時編輯會用完額度)，因此無法排定背景繼續作業。請保持側邊欄開啟以繼續，或使用外掛程式選單中的「繼續批次套用」。',
    needsAuthorization:
      '批次套用已暫停：外掛程式需要你重新授權，才能在背景繼續。請開啟外掛程式選單進行授權，然後保持側邊欄開啟，或使用「繼續批次套用」。',
    noDocument:
      '批次套用已暫停：背景繼續作業執行時無法存取這份試算表。請保持側邊欄開啟以繼續，或使用外掛程式選單中的「繼續批次套用」。',
    failed: (reason: string) =>
      `批次套用已暫停：背景繼續作業已停止 (${reason})。請保持側邊欄開啟以繼續，或使用外掛程式選單中的「繼續批次套用」。`,
  },
  emailLookup: {
    notInDirectory: '機構的目錄中沒有使用這個電子郵件的人',
    failed: (status: number) => `無法在目錄中查詢這個電子郵件 (HTTP ${status})，因此不確定對方是否為成員`,
    noAnswer: '目錄沒有回應，因此不確定對方是否為成員',
  },
};
