/** Runs the checks against one server and returns one verdict per check. Never prints. */

import { type Check, type CheckContext, differs, type Outcome, type Result, skipped } from './check';
import { ALL_CHECKS } from './checks';
import { type Facts, gatherFacts, PreflightError } from './facts';
import { BudgetError, ContractHttp, NoVerdictError, type Pacing, scrub } from './http';

export interface ContractOptions {
  base: string;
  token: string;
  /** `spaces/ID`: a space the token's person has joined. */
  space: string;
  /** `spaces/ID/members/X`: the membership --write may change (and always restores). */
  member?: string;
  write: boolean;
  admin: boolean;
  pacing?: Pacing;
}

export interface CheckReport {
  id: string;
  /** Where the assumption is written and the phrase checked: `ASSUMPTIONS.md § Pagination: "…"`. */
  assumption: string;
  result: Result;
  detail: string;
}

export function assumptionText(check: Check): string {
  const file = check.assumption.file.split('/').pop();
  // The heading without its parenthesised detail: `Filters (`members.list` …)` reads as `Filters`.
  const section = check.assumption.section.replace(/\s*\(.*\)$/, '');
  return `${file} § ${section}: "${check.assumption.quote}"`;
}

/** Throws PreflightError when the space (or --member) cannot be read; otherwise one report per check. */
export async function runContract(
  options: ContractOptions,
  checks: readonly Check[] = ALL_CHECKS,
): Promise<CheckReport[]> {
  const http = new ContractHttp(options.base, options.token, options.pacing);
  let facts: Facts;
  try {
    facts = await gatherFacts(http, options.space, options.member);
  } catch (e) {
    if (e instanceof NoVerdictError) throw new PreflightError(`cannot reach ${options.base}: ${e.message}`);
    throw e;
  }
  const reports: CheckReport[] = [];
  for (const check of checks) {
    const outcome = await runOne(check, options, (budget) => ({
      call: async (req) => {
        if (budget.used++ >= check.maxRequests) {
          throw new BudgetError(`${check.id} sent more than its ${check.maxRequests} requests`);
        }
        return http.send(req);
      },
      space: options.space,
      facts,
      write: options.write,
    }));
    reports.push({
      id: check.id,
      assumption: assumptionText(check),
      result: outcome.result,
      detail: scrub(outcome.detail, options.token),
    });
  }
  return reports;
}

async function runOne(
  check: Check,
  options: ContractOptions,
  context: (budget: { used: number }) => CheckContext,
): Promise<Outcome> {
  if (check.mode === 'write' && !options.write) return skipped('needs --write and --member');
  if (check.mode === 'admin' && !options.admin) return skipped('needs --admin');
  if (check.mode === 'member' && options.admin) return skipped("the token is an administrator's (--admin)");
  try {
    return await check.run(context({ used: 0 }));
  } catch (e) {
    if (e instanceof NoVerdictError) return skipped(`no verdict: ${e.message}`);
    if (e instanceof BudgetError) return skipped(`suite error: ${e.message}`);
    // A shape no check foresaw (a server answering nonsense) is a difference, not a crash of the run.
    return differs(`unexpected answer: ${(e as Error).message}`);
  }
}
