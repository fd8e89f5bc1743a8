/**
 * The baseline for `npm run bench`: the loop people write today, after Google's Apps Script samples for the Chat
 * API. Plain Apps Script (V8), loaded by the benchmark with gas-fakes' loadBundle into an environment of its own.
 *
 * For every row of every member sheet whose Role cell differs from the role in Chat: one UrlFetchApp.fetch PATCH,
 * sequential, then one setValue per cell for the Status and the server-role key column. On 429 or 5xx it waits with
 * exponential backoff (1 s, 2 s, 4 s … capped at 32 s) and tries again, with the product's maximum number of attempts.
 * Nothing paces the requests to the quotas, nothing is batched, nothing survives the 6-minute limit.
 *
 * Column layout: the product's member sheets (E Role, F Status, G membership name, H role in Chat).
 */

const BASELINE_ROLES = { member: 'ROLE_MEMBER', manager: 'ROLE_ASSISTANT_MANAGER', owner: 'ROLE_MANAGER' };
const BASELINE_MAX_ATTEMPTS = 7;
const BASELINE_CAP_MS = 32000;

// biome-ignore lint/correctness/noUnusedVariables: an Apps Script entry point, called by name.
function applyRoleChangesBaseline() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const token = ScriptApp.getOAuthToken();
  const sheets = ss.getSheets();
  let applied = 0;
  let failed = 0;
  for (const sheet of sheets) {
    const data = sheet.getDataRange().getValues();
    if (data.length === 0 || data[0][6] !== 'Membership (key)') continue;
    for (let r = 1; r < data.length; r++) {
      const wanted = BASELINE_ROLES[String(data[r][4]).trim().toLowerCase()];
      const name = String(data[r][6]);
      if (!wanted || !name || wanted === data[r][7]) continue;
      const response = baselinePatchWithRetry(name, wanted, token);
      const code = response.getResponseCode();
      if (code === 200) {
        sheet.getRange(r + 1, 6).setValue(`Done: now ${data[r][4]}`);
        sheet.getRange(r + 1, 8).setValue(wanted);
        applied++;
      } else {
        sheet.getRange(r + 1, 6).setValue(`Error ${code}`);
        failed++;
      }
    }
  }
  return { applied: applied, failed: failed };
}

function baselinePatchWithRetry(name, role, token) {
  const url = `https://chat.googleapis.com/v1/${name}?updateMask=role`;
  const options = {
    method: 'patch',
    contentType: 'application/json',
    payload: JSON.stringify({ role: role }),
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  };
  let delay = 1000;
  let response = null;
  for (let attempt = 1; attempt <= BASELINE_MAX_ATTEMPTS; attempt++) {
    response = UrlFetchApp.fetch(url, options);
    const code = response.getResponseCode();
    if (code !== 429 && code < 500) return response;
    if (attempt < BASELINE_MAX_ATTEMPTS) {
      Utilities.sleep(delay);
      delay = Math.min(delay * 2, BASELINE_CAP_MS);
    }
  }
  return response;
}
