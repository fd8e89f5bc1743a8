/** How a finished job is written into its row: the Role, hidden and Status cells, decided from the row as it is. */

import { COL, type MemberRow } from '../domain/member-row';
import { words } from '../domain/messages';
import { type ApiRole, uiRole } from '../domain/roles';
import { asks, GAVE_UP, isPending, SUPERSEDED, UNKNOWN_OUTCOME } from '../domain/run-engine';
import type { RunJob } from '../domain/run-state';
import { statusText } from '../domain/status';
import type { RowPatch } from './ports';

/** A saved run's reason in the person's language (the engine's own markers are translated here). */
function reasonText(reason: string | undefined): string {
  const w = words().reason;
  if (reason === undefined) return w.unknownError;
  return reason === UNKNOWN_OUTCOME
    ? w.unknownOutcome
    : reason === SUPERSEDED
      ? w.superseded
      : reason === GAVE_UP
        ? w.gaveUp
        : reason;
}

/** `at`: when the job's answer came, as the Status shows it (in the spreadsheet's time zone). */
export function rowPatch(job: RunJob, at: string): RowPatch {
  // The Role cell shows the job's target (a typed change) or its starting role (an undo), unless someone typed a
  // newer role meanwhile: that newer edit is left alone and stays pending, and the Status says so.
  const untouched = (current: string) => asks(job, current);
  const pendingStatus = (row: Pick<MemberRow, 'status'>) =>
    row.status.startsWith('⏳') ? undefined : statusText.pendingChangedMeanwhile();
  if (job.state === 'refused') {
    // Superseded: the newer edit owns the row. Its Status is kept when it already explains the row (pending, or
    // applied); otherwise it says this change was not made.
    return {
      key: job.key,
      cells: new Map(),
      status: (row) => {
        if (isPending(row)) return pendingStatus(row);
        return row.status.startsWith('✓') ? undefined : statusText.refused(reasonText(job.reason ?? SUPERSEDED));
      },
    };
  }
  if (job.state === 'failed' && job.reason === UNKNOWN_OUTCOME) {
    // Perhaps applied, perhaps not: the Role cell keeps what was typed, and the Status says to look.
    return { key: job.key, cells: new Map([[COL.status, statusText.failed(reasonText(UNKNOWN_OUTCOME))]]) };
  }
  if (job.state === 'applied') {
    return {
      key: job.key,
      cells: new Map(),
      role: { value: uiRole(job.to), onlyIf: untouched },
      serverRole: job.to,
      status: (row) => (isPending(row) ? pendingStatus(row) : statusText.applied(job.to, at)),
    };
  }
  return {
    key: job.key,
    cells: new Map([[COL.status, statusText.failed(reasonText(job.reason))]]),
    role: { value: uiRole(job.from), onlyIf: untouched },
  };
}

/**
 * A late applied outcome (written, perhaps, by an execution stopped before it saved so) whose row has moved on: the
 * row gets the role Chat has now, read again, and a pending note if its Role cell asks for another; its Role cell and
 * any newer Status (but a ⚠ this read answers) are left alone.
 */
export function movedOnPatch(job: RunJob, now: ApiRole): RowPatch {
  return {
    key: job.key,
    cells: new Map(),
    serverRole: now,
    status: (row) => {
      if (isPending(row)) return row.status.startsWith('⏳') ? undefined : statusText.pendingChangedMeanwhile();
      // A warning that Chat may differ (typed back over this write, or drift) is answered now: Chat was read.
      return row.status.startsWith('⚠') ? '' : undefined;
    },
  };
}
