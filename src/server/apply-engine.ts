/**
 * Applies role changes through the Chat API at the pace the quotas allow: each wave sends at most one PATCH per
 * space in one UrlFetchApp.fetchAll, retryable failures (429, 5xx) wait with backoff while other spaces go on,
 * and work stops at the deadline so the results can still be written before Apps Script ends the execution.
 */

import { parseFailure, plainReason } from '../domain/api-errors';
import type { RoleChange } from '../domain/changes';
import { isRetryable, parseRetryAfter } from '../domain/retry';
import { isApiRole } from '../domain/roles';
import { CHAT_WRITE_LIMITS, WriteScheduler } from '../domain/scheduler';
import type { ChatApi } from './chat-api';
import type { Clock } from './clock';

export type Outcome =
  | { kind: 'applied'; change: RoleChange }
  | { kind: 'failed'; change: RoleChange; reason: string; status: number }
  | { kind: 'pending'; change: RoleChange };

export interface EngineStats {
  requests: number;
  retries: number;
}

export function applyRoleChanges(
  changes: readonly RoleChange[],
  api: ChatApi,
  clock: Clock,
  deadline: number,
): { outcomes: Outcome[]; stats: EngineStats } {
  const scheduler = new WriteScheduler(
    changes.map((change) => ({ item: change, space: change.space })),
    { ...CHAT_WRITE_LIMITS, random: clock.random },
    clock.now(),
  );
  const outcomes: Outcome[] = [];
  const stats: EngineStats = { requests: 0, retries: 0 };
  // Bounded even if the clock misbehaves: every change can use all its attempts, plus waits between waves.
  const maxWaves = (changes.length * CHAT_WRITE_LIMITS.maxAttempts + 10) * 4;
  for (let wave = 0; wave < maxWaves && !scheduler.done; wave++) {
    const now = clock.now();
    if (now >= deadline) break;
    const { batch, waitMs } = scheduler.nextWave(now);
    if (batch.length === 0) {
      clock.sleep(Math.min(waitMs, deadline - now));
      continue;
    }
    const results = api.patchRoles(batch.map((job) => ({ key: job.item.key, role: job.item.to })));
    stats.requests += results.length;
    const after = clock.now();
    batch.forEach((job, i) => {
      const result = results[i];
      const change = job.item;
      if (!result) return;
      if (result.status === 200) {
        scheduler.finish(job);
        outcomes.push({ kind: 'applied', change: confirmedRole(change, result.body) });
      } else if (
        isRetryable(result.status) &&
        scheduler.retry(job, after, parseRetryAfter(result.retryAfter, Date.now()))
      ) {
        stats.retries++;
      } else {
        scheduler.finish(job);
        outcomes.push({
          kind: 'failed',
          change,
          reason: plainReason(parseFailure(result.status, result.body)),
          status: result.status,
        });
      }
    });
  }
  for (const job of scheduler.pending()) outcomes.push({ kind: 'pending', change: job.item });
  return { outcomes, stats };
}

/** The role the server reports after the change (it should be the one asked for; trust the server if not). */
function confirmedRole(change: RoleChange, body: string): RoleChange {
  try {
    const role = (JSON.parse(body) as { role?: unknown }).role;
    return isApiRole(role) ? { ...change, to: role } : change;
  } catch {
    return change;
  }
}
