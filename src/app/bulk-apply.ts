/**
 * "Apply pending role changes", its dry run, and undo. The plan is shown for confirmation without holding the lock
 * (a dialog releases it anyway), then planned again under the lock, because the sheet may have changed meanwhile.
 */

import { inversePlan } from '../domain/audit';
import { planSpace, type RoleChange, summarize } from '../domain/changes';
import { words } from '../domain/messages';
import { uiRole } from '../domain/roles';
import type { RunReport } from './bulk-run';
import { resolveNewRows } from './new-rows';
import { planAllSheets, type SheetPlan } from './pending-changes';
import type { Ports } from './ports';
import { startRun } from './run-executor';

export interface BulkResult {
  confirmed: boolean;
  report?: RunReport;
  refused: number;
}

const titlesOf = (plans: readonly SheetPlan[]) =>
  Object.fromEntries(plans.map((p) => [p.target.meta.space, p.target.meta.title]));

function finishToast(ports: Ports, report: RunReport): void {
  const w = words().toast;
  const rest = report.finished ? '' : ` ${w.continuing(report.pending)}`;
  ports.ui.toast(`${w.finished(report.applied, report.failed)}${rest}`);
}

export function applyPendingInteractive(ports: Ports): BulkResult {
  const { ui, sheets } = ports;
  const started = ports.clock.now();
  const preview = planAllSheets(sheets, ports.user());
  const changes = preview.flatMap((p) => p.changes);
  const refusals = preview.reduce((n, p) => n + p.refusals.length, 0);
  const lookups = preview.reduce((n, p) => n + p.lookups.length, 0);
  if (changes.length === 0 && refusals === 0 && lookups === 0) {
    ui.tell(words().dialog.nothingPending);
    return { confirmed: false, refused: 0 };
  }
  const lines = summarize(changes, new Map(preview.map((p) => [p.target.meta.space, p.target.meta.title])));
  const w = words();
  if (lookups > 0) lines.push(w.dialog.lookups(lookups));
  if (refusals > 0) lines.push(w.dialog.refusals(refusals));
  if (!ui.confirm(w.dialog.applyTitle(changes.length + lookups), lines)) return { confirmed: false, refused: 0 };

  ui.toast(w.toast.applying(changes.length + lookups));
  const outcome = ports.withLock(30_000, () => {
    const api = ports.chat();
    for (const target of sheets.memberSheets()) resolveNewRows(target, api);
    const plans = planAllSheets(sheets, ports.user());
    for (const plan of plans) plan.target.patchRows(plan.refusalPatches);
    const refused = plans.reduce((n, p) => n + p.refusals.length, 0);
    return {
      report: startRun(
        ports,
        'apply',
        plans.flatMap((p) => p.changes),
        titlesOf(plans),
        started + ports.executionBudgetMs(),
      ),
      refused,
    };
  });
  finishToast(ports, outcome.report);
  return { confirmed: true, ...outcome };
}

/** Dry run: the plan, in a Preview sheet, without sending anything to Chat. */
export function previewPending(ports: Ports): { changes: number; refused: number; sheetName: string } {
  const plans = planAllSheets(ports.sheets, ports.user());
  const w = words().preview;
  // Columns as words().headers.preview; the Membership column (resource names) is hidden in the sheet.
  const rows: string[][] = [];
  for (const plan of plans) {
    const space = plan.target.meta.title;
    for (const c of plan.changes) rows.push([space, c.who, c.key, uiRole(c.from), uiRole(c.to), w.willApply]);
    for (const l of plan.lookups) rows.push([space, l.email, '', '', uiRole(l.requested), w.willLookUp]);
    for (const r of plan.refusals) rows.push([space, r.who, r.key, r.current, r.requested, w.willRefuse(r.reason)]);
  }
  const sheetName = ports.sheets.writePreview(rows);
  return {
    changes: plans.reduce((n, p) => n + p.changes.length, 0),
    refused: plans.reduce((n, p) => n + p.refusals.length, 0),
    sheetName,
  };
}

export function undoLastInteractive(ports: Ports): BulkResult {
  const { ui } = ports;
  const started = ports.clock.now();
  const runId = ports.runs.lastRunId(ports.user());
  if (!runId) {
    ui.tell(words().dialog.noUndo);
    return { confirmed: false, refused: 0 };
  }
  const build = () => {
    const plans = planAllSheets(ports.sheets, ports.user());
    const serverRoles = new Map(plans.flatMap((p) => [...p.serverRoles]));
    const accessBySpace = new Map(plans.map((p) => [p.target.meta.space, p.target.meta.access]));
    const inverse = inversePlan(ports.sheets.readAudit(), runId, (key) => serverRoles.get(key));
    const { skipped } = inverse;
    // Undo with the access of the sheet each member is in now (as the original change was made).
    const changes = inverse.changes.map((c) => ({ ...c, access: accessBySpace.get(c.space) ?? c.access }));
    const bySpace = new Map<string, RoleChange[]>();
    for (const c of changes) bySpace.set(c.space, [...(bySpace.get(c.space) ?? []), c]);
    const ordered: RoleChange[] = [];
    for (const [space, list] of bySpace) {
      const owners = [...serverRoles].filter(
        ([key, role]) => key.startsWith(`${space}/`) && role === 'ROLE_MANAGER',
      ).length;
      const planned = planSpace(list, owners);
      ordered.push(...planned.ordered);
      skipped.push(...planned.refused.map(({ change, reason }) => ({ key: change.key, who: change.who, reason })));
    }
    return { plans, ordered, skipped };
  };
  const first = build();
  if (first.ordered.length === 0) {
    const d = words().dialog;
    ui.tell(`${d.nothingToUndo}${first.skipped.length > 0 ? ` ${d.changedSince(first.skipped.length)}` : ''}`);
    return { confirmed: false, refused: first.skipped.length };
  }
  const lines = summarize(first.ordered, new Map(first.plans.map((p) => [p.target.meta.space, p.target.meta.title])));
  for (const s of first.skipped.slice(0, 10)) lines.push(words().dialog.skipped(s.who, s.reason));
  if (!ui.confirm(words().dialog.undoTitle(first.ordered.length), lines)) return { confirmed: false, refused: 0 };
  ui.toast(words().toast.undoing(first.ordered.length));
  const outcome = ports.withLock(30_000, () => {
    const again = build();
    return {
      report: startRun(ports, 'undo', again.ordered, titlesOf(again.plans), started + ports.executionBudgetMs()),
      refused: again.skipped.length,
    };
  });
  finishToast(ports, outcome.report);
  return { confirmed: true, ...outcome };
}
