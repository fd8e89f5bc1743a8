/**
 * "Apply pending role changes": every row, in every member sheet, whose Role differs from the server's. The plan is
 * shown for confirmation without holding the lock (a dialog releases it anyway), then planned again under the lock,
 * because the sheet may have changed while the dialog was open.
 */

import { summarize } from '../domain/changes';
import { type ApplyReport, applyPlans, emptyReport } from './apply-plans';
import { userChatApi } from './chat-api';
import { type Clock, EXECUTION_BUDGET_MS } from './clock';
import { withDocumentLock } from './lock';
import { findMemberSheets } from './member-sheet';
import { planSheet } from './pending-changes';

export interface BulkResult extends ApplyReport {
  confirmed: boolean;
}

function planAll(email: string) {
  return findMemberSheets(SpreadsheetApp.getActive()).map((target) => planSheet(target, email));
}

export function applyPendingInteractive(clock: Clock): BulkResult {
  const started = clock.now();
  const ui = SpreadsheetApp.getUi();
  const email = Session.getEffectiveUser().getEmail();
  const preview = planAll(email);
  const changes = preview.flatMap((p) => p.changes);
  const refusals = preview.reduce((n, p) => n + p.refusals.filter((r) => r.cells.size > 1).length, 0);
  if (changes.length === 0 && refusals === 0) {
    ui.alert('Chat space roles', 'There are no pending role changes.', ui.ButtonSet.OK);
    return { ...emptyReport(), confirmed: false };
  }
  const names = new Map(preview.map((p) => [p.target.meta.space, p.target.meta.title]));
  const lines = summarize(changes, names);
  if (refusals > 0) lines.push(`${refusals} row(s) can't be applied and will be put back, with the reason in Status.`);
  const answer = ui.alert(`Apply ${changes.length} role change(s)?`, lines.join('\n'), ui.ButtonSet.YES_NO);
  if (answer !== ui.Button.YES) return { ...emptyReport(), confirmed: false };

  const report = withDocumentLock(30_000, () =>
    applyPlans(planAll(email), userChatApi(), clock, started + EXECUTION_BUDGET_MS),
  );
  SpreadsheetApp.getActive().toast(
    `Applied ${report.applied}, failed ${report.failed}, refused ${report.refused}, still pending ${report.pending}.`,
    'Chat space roles',
  );
  return { ...report, confirmed: true };
}
