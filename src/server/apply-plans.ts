/** Applies planned changes from one or more member sheets and writes every row's outcome back to its sheet. */

import { applyRoleChanges } from './apply-engine';
import type { ChatApi } from './chat-api';
import type { Clock } from './clock';
import { patchRows, type RowPatch } from './member-sheet';
import type { SheetPlan } from './pending-changes';
import { outcomePatch } from './row-updates';

export interface ApplyReport {
  applied: number;
  failed: number;
  refused: number;
  pending: number;
  /** Rows deleted from the sheet while the change was in flight: the result is reported here instead. */
  rowsGone: number;
  requests: number;
  retries: number;
}

export function emptyReport(): ApplyReport {
  return { applied: 0, failed: 0, refused: 0, pending: 0, rowsGone: 0, requests: 0, retries: 0 };
}

export function applyPlans(plans: readonly SheetPlan[], api: ChatApi, clock: Clock, deadline: number): ApplyReport {
  const report = emptyReport();
  const changes = plans.flatMap((p) => p.changes);
  const { outcomes, stats } = applyRoleChanges(changes, api, clock, deadline);
  report.requests = stats.requests;
  report.retries = stats.retries;
  const now = new Date(clock.now());
  const patchesBySpace = new Map<string, RowPatch[]>();
  for (const outcome of outcomes) {
    report[outcome.kind === 'applied' ? 'applied' : outcome.kind === 'failed' ? 'failed' : 'pending']++;
    const plan = plans.find((p) => p.target.meta.space === outcome.change.space);
    const seen = plan?.rows.get(outcome.change.key);
    if (!plan || !seen) continue;
    const list = patchesBySpace.get(plan.target.meta.space) ?? [];
    list.push(outcomePatch(outcome, seen.snapshot, seen.role, now));
    patchesBySpace.set(plan.target.meta.space, list);
  }
  for (const plan of plans) {
    report.refused += plan.refusals.filter((p) => p.cells.size > 1).length;
    const patches = [...plan.refusals, ...(patchesBySpace.get(plan.target.meta.space) ?? [])];
    report.rowsGone += patchRows(plan.target.sheet, patches).length;
  }
  return report;
}
