/** The contract suite's output: one line per check (plus the assumption), or JSON; and the exit code. */

import type { Result } from './check';
import type { CheckReport } from './run';

export function exitCodeOf(reports: readonly CheckReport[]): 0 | 1 {
  return reports.some((r) => r.result === 'differs') ? 1 : 0;
}

export function formatJson(reports: readonly CheckReport[]): string {
  return `${JSON.stringify({ checks: reports.map(({ id, assumption, result, detail }) => ({ id, assumption, result, detail })) }, null, 2)}\n`;
}

export function formatText(reports: readonly CheckReport[]): string {
  const lines = reports.flatMap((r) => [
    `${r.id}: ${r.result}${r.result !== 'holds' && r.detail ? `: ${r.detail}` : ''}`,
    `    ${r.assumption}`,
  ]);
  const count = (result: Result) => reports.filter((r) => r.result === result).length;
  lines.push(
    '',
    `${reports.length} checks: ${count('holds')} hold, ${count('differs')} differ, ${count('skipped')} skipped.`,
  );
  return `${lines.join('\n')}\n`;
}
