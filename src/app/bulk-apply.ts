/**
 * "Apply pending role changes", its dry run, and undo. The plan is shown for confirmation without holding the lock
 * (a dialog releases it anyway), then planned again under the lock, because the sheet may have changed meanwhile.
 */

import { inversePlan } from '../domain/audit';
import { planSpace, type RoleChange, summarize } from '../domain/changes';
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
  const rest = report.finished
    ? ''
    : ` ${report.paused ?? `${report.pending} still to go: continuing in the background.`}`;
  ports.ui.toast(`Applied ${report.applied}, failed ${report.failed}.${rest}`);
}

export function applyPendingInteractive(ports: Ports): BulkResult {
  const { ui, sheets } = ports;
  const started = ports.clock.now();
  const preview = planAllSheets(sheets, ports.user());
  const changes = preview.flatMap((p) => p.changes);
  const refusals = preview.reduce((n, p) => n + p.refusals.length, 0);
  const lookups = preview.reduce((n, p) => n + p.lookups.length, 0);
  if (changes.length === 0 && refusals === 0 && lookups === 0) {
    ui.tell('There are no pending role changes.');
    return { confirmed: false, refused: 0 };
  }
  const lines = summarize(changes, new Map(preview.map((p) => [p.target.meta.space, p.target.meta.title])));
  if (lookups > 0)
    lines.push(`${lookups} row(s) added by email will be looked up and applied if the person is a member.`);
  if (refusals > 0) lines.push(`${refusals} row(s) can't be applied and will be put back, with the reason in Status.`);
  if (!ui.confirm(`Apply ${changes.length + lookups} role change(s)?`, lines)) return { confirmed: false, refused: 0 };

  ui.toast(`Applying ${changes.length} role change(s)…`);
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
  const rows: string[][] = [];
  for (const plan of plans) {
    for (const c of plan.changes)
      rows.push([plan.target.meta.title, c.who, c.key, uiRole(c.from), uiRole(c.to), 'Will apply']);
    for (const l of plan.lookups) {
      rows.push([
        plan.target.meta.title,
        l.email,
        '',
        '',
        uiRole(l.requested),
        'Will be looked up by email, then applied if the person is a member',
      ]);
    }
    for (const r of plan.refusals)
      rows.push([plan.target.meta.title, r.who, r.key, r.current, r.requested, `Will be refused: ${r.reason}`]);
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
    ui.tell('You have no finished bulk apply to undo in this spreadsheet.');
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
    ui.tell(
      `Nothing to undo for the last bulk apply.${first.skipped.length > 0 ? ` ${first.skipped.length} change(s) were changed again since.` : ''}`,
    );
    return { confirmed: false, refused: first.skipped.length };
  }
  const lines = summarize(first.ordered, new Map(first.plans.map((p) => [p.target.meta.space, p.target.meta.title])));
  for (const s of first.skipped.slice(0, 10)) lines.push(`Skipped ${s.who}: ${s.reason}`);
  if (!ui.confirm(`Undo ${first.ordered.length} change(s) from the last bulk apply?`, lines))
    return { confirmed: false, refused: 0 };
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
