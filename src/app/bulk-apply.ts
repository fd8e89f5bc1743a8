/**
 * "Apply pending role changes", its dry run, and undo. A change goes out with the presser's rights only after they
 * saw it — space, member, old role → new role, and who typed it — and accepted it. The plan is shown without
 * holding the lock (a dialog releases it anyway), then planned again under the lock, because the sheet may have
 * changed meanwhile: exactly the confirmed changes are applied, and anything new or different stays pending for a
 * new confirmation, with a Status saying so.
 */

import type { RoleChange } from '../domain/changes';
import {
  type Answer,
  type AuthoredChange,
  changeId,
  confirmationOf,
  confirmedPart,
  lookupId,
} from '../domain/confirmation';
import { words } from '../domain/messages';
import { uiRole } from '../domain/roles';
import { statusText } from '../domain/status';
import { inversePlan } from '../domain/undo-record';
import type { RunReport } from './bulk-run';
import { type NotApplied, resolveNewRows } from './new-rows';
import { planAllSheets, type SheetPlan } from './pending-changes';
import type { Ports } from './ports';
import { statusPatch } from './row-updates';
import { startRun } from './run-executor';

export interface BulkResult {
  confirmed: boolean;
  report?: RunReport;
  refused: number;
}

const titlesOf = (plans: readonly SheetPlan[]) =>
  Object.fromEntries(plans.map((p) => [p.target.meta.space, p.target.meta.title]));

/** The result, naming the rows that were asked for but not applied (with why): nothing is dropped silently. */
function finishToast(ports: Ports, report: RunReport, notApplied: readonly NotApplied[] = [], undo = false): void {
  const w = words().toast;
  const { applied, failed } = report;
  let text: string;
  if (report.finished) text = undo ? w.undone(applied, failed) : w.finished(applied, failed);
  else if (report.paused) text = w.paused(applied, failed, report.paused);
  else text = w.stillGoing(applied, failed, report.pending);
  if (notApplied.length > 0) {
    const named = notApplied.slice(0, 3).map((n) => w.notAppliedItem(n.who, n.reason));
    text = w.notApplied(text, named.join(w.notAppliedSeparator), notApplied.length - named.length);
  }
  ports.ui.toast(text);
}

/** What the dialog listed, as ids: the confirmed plan. */
function shownIds(plans: readonly SheetPlan[]): Set<string> {
  const ids = new Set<string>();
  for (const plan of plans) {
    for (const c of plan.changes) ids.add(changeId(c));
    for (const l of plan.lookups) ids.add(lookupId(l));
  }
  return ids;
}

/** Asks the presser; returns their answer and the ids they saw. */
function confirmApply(
  ports: Ports,
  plans: readonly SheetPlan[],
): { answer: Answer; ids: Set<string>; changes: number; lookups: number } | undefined {
  const w = words().dialog;
  const presser = ports.user();
  const titles = new Map(plans.map((p) => [p.target.meta.space, p.target.meta.title]));
  const nameOf = (email: string) => plans.map((p) => p.nameOf(email)).find((n) => n !== '') ?? '';
  const confirmation = confirmationOf(
    plans.flatMap((p) => p.changes),
    plans.flatMap((p) => p.lookups),
    presser,
    (space) => titles.get(space) ?? space,
    nameOf,
    w,
  );
  const refusals = plans.reduce((n, p) => n + p.refusals.length, 0);
  const total = confirmation.lines.length;
  if (total === 0 && refusals === 0) {
    ports.ui.tell(w.nothingPending);
    return undefined;
  }
  const lines = [...confirmation.lines];
  const mineToo = confirmation.byYou > 0 && confirmation.byOthers > 0;
  const { accesses } = confirmation;
  if (confirmation.byOthers > 0)
    lines.push('', w.others(confirmation.byOthers, accesses.has('admin'), accesses.has('app')));
  // The title counts real changes; rows added by email are counted apart: they may turn out not to be members.
  const changes = plans.reduce((n, p) => n + p.changes.length, 0);
  const lookups = total - changes;
  if (lookups > 0) lines.push(w.lookups(lookups));
  if (refusals > 0) lines.push(w.refusals(refusals));
  if (mineToo) lines.push(w.mineToo(total, confirmation.byYou));
  const title = changes === 0 && lookups > 0 ? w.lookUpTitle(lookups) : w.applyTitle(changes);
  const answer = ports.ui.askApply(title, lines, mineToo);
  return { answer, ids: shownIds(plans), changes, lookups };
}

/**
 * A change from a row added by email counts as confirmed when its lookup line was. The emails are the plan's own
 * read, made under the same lock just before (nothing writes that sheet in between): no second read of the sheet.
 */
function withLookupIds(plan: SheetPlan, confirmed: ReadonlySet<string>): (AuthoredChange & { id: string })[] {
  return plan.changes.map((c) => {
    const id = changeId(c);
    const email = plan.emailOf(c.key);
    const asLookup = lookupId({ space: c.space, email, requested: c.to, typedBy: c.typedBy });
    return { ...c, id: !confirmed.has(id) && email && confirmed.has(asLookup) ? asLookup : id };
  });
}

export function applyPendingInteractive(ports: Ports): BulkResult {
  const { ui, sheets } = ports;
  const started = ports.clock.now();
  const asked = confirmApply(ports, planAllSheets(sheets, ports.user()));
  if (!asked || asked.answer === 'none') return { confirmed: false, refused: 0 };

  const { toast } = words();
  ui.toast(asked.changes > 0 ? toast.applying(asked.changes) : toast.lookingUp(asked.lookups));
  const outcome = ports.withLock(30_000, () => {
    const api = ports.chat();
    const notApplied = sheets.memberSheets().flatMap((target) => resolveNewRows(target, api).notApplied);
    const plans = planAllSheets(sheets, ports.user());
    const toApply: RoleChange[] = [];
    for (const plan of plans) {
      const part = confirmedPart(asked.ids, withLookupIds(plan, asked.ids), asked.answer, ports.user());
      toApply.push(...part.apply);
      // Nothing the dialog did not show goes out: a change made meanwhile waits for its own confirmation.
      const waiting = [
        ...part.changedMeanwhile.map((c) => statusPatch(c.key, statusText.pendingNotConfirmed())),
        ...part.notChosen.map((c) =>
          statusPatch(c.key, statusText.pendingOtherEditor(plan.nameOf(c.typedBy) || c.typedBy)),
        ),
      ];
      plan.target.patchRows([...plan.refusalPatches, ...waiting]);
    }
    const refused = plans.reduce((n, p) => n + p.refusals.length, 0);
    // A dry run describes the sheets before this Apply: it is not left on screen as if still true.
    sheets.removePreview(plans.find((p) => p.changes.length > 0)?.target);
    return {
      report: startRun(ports, 'apply', toApply, titlesOf(plans), started + ports.executionBudgetMs()),
      refused: refused + notApplied.length,
      notApplied,
    };
  });
  finishToast(ports, outcome.report, outcome.notApplied);
  return { confirmed: true, report: outcome.report, refused: outcome.refused };
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

/**
 * Undo: the inverse of the person's last bulk apply, from the add-on's own record of it (never the Audit sheet,
 * which any editor can append to). Members changed again since are left alone and listed.
 */
export function undoLastInteractive(ports: Ports): BulkResult {
  const { ui } = ports;
  const started = ports.clock.now();
  const record = ports.runs.lastUndo(ports.user());
  const w = words().dialog;
  if (!record || record.changes.length === 0) {
    ui.tell(w.noUndo);
    return { confirmed: false, refused: 0 };
  }
  const build = () => {
    const plans = planAllSheets(ports.sheets, ports.user());
    // The role Chat answered for each member, from trusted rows of the sheet loaded with the access used.
    const currentRole = (key: string) => {
      const change = record.changes.find((c) => c.key === key);
      const plan = plans.find(
        (p) => key.startsWith(`${p.target.meta.space}/`) && p.target.meta.access === change?.access,
      );
      return plan?.trustedRole(key);
    };
    const { reason, noRole } = words();
    const inverse = inversePlan(record, currentRole, {
      notLoaded: reason.notInLoadedSheet,
      changedSince: reason.changedAgain,
      noRole,
    });
    return { plans, ordered: inverse.changes, skipped: inverse.skipped };
  };
  const first = build();
  if (first.ordered.length === 0) {
    ui.tell(w.nothingToUndo(first.skipped.length));
    return { confirmed: false, refused: first.skipped.length };
  }
  const titles = new Map(first.plans.map((p) => [p.target.meta.space, p.target.meta.title]));
  const lines = first.ordered.map((c) =>
    w.undoLine(titles.get(c.space) ?? c.space, c.who, uiRole(c.from), uiRole(c.to)),
  );
  for (const s of first.skipped.slice(0, 10)) lines.push(w.skipped(s.who, s.reason));
  if (!ui.confirm(w.undoTitle(first.ordered.length), lines)) return { confirmed: false, refused: 0 };
  ui.toast(words().toast.undoing(first.ordered.length));
  const confirmed = new Set(first.ordered.map((c) => `${c.key}|${c.from}|${c.to}`));
  const outcome = ports.withLock(30_000, () => {
    const again = build();
    // Exactly what the dialog listed, still valid now.
    const ordered = again.ordered.filter((c) => confirmed.has(`${c.key}|${c.from}|${c.to}`));
    ports.sheets.removePreview(again.plans.find((p) => ordered.some((c) => c.space === p.target.meta.space))?.target);
    return {
      report: startRun(ports, 'undo', ordered, titlesOf(again.plans), started + ports.executionBudgetMs()),
      refused: again.skipped.length,
    };
  });
  finishToast(ports, outcome.report, [], true);
  return { confirmed: true, ...outcome };
}
