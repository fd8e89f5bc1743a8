/** `npm run contract`: parses the arguments, runs the suite, prints, and answers the exit code. */

import { parseCliArgs, USAGE, UsageError } from './args';
import { RESTORE_FAILED } from './checks/writes';
import { PreflightError } from './facts';
import { scrub } from './http';
import { exitCodeOf, formatJson, formatText } from './report';
import { runContract } from './run';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export async function runCli(argv: string[], out: Output): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.stderr(`contract: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    const reports = await runContract(options);
    out.stdout(options.json ? formatJson(reports) : formatText(reports));
    for (const r of reports.filter((x) => x.detail.startsWith(RESTORE_FAILED))) {
      out.stderr(`contract: ${r.id}: ${r.detail}\n`);
    }
    return exitCodeOf(reports);
  } catch (e) {
    // Whatever went wrong, its text may quote a request: the token is scrubbed from it.
    const message = scrub((e as Error).message, options.token);
    if (e instanceof PreflightError) {
      out.stderr(`contract: ${message}\nCheck --base, --token (its scopes) and --space; nothing was checked.\n`);
      return 2;
    }
    out.stderr(`contract: ${message}\n`);
    return 2;
  }
}
