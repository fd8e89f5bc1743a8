/** Command-line arguments of `npm run contract`, validated; usage errors never repeat what was typed (a token). */

import { parseArgs } from 'node:util';
import { DEFAULT_PACING } from './http';
import type { ContractOptions } from './run';

export const USAGE = `Usage: npm run contract -- --base URL --token TOKEN --space spaces/ID [--member spaces/ID/members/M --write] [--admin] [--json] [--pace-ms N]

Checks the Chat API emulator's assumptions (tools/emulator/ASSUMPTIONS.md) against the server at URL
(https://chat.googleapis.com, or an emulator). Read-only unless --write.

  --base URL       the server; no other host is contacted
  --token TOKEN    an OAuth access token with the Chat scopes (never printed)
  --space NAME     a space the token's person has joined
  --member NAME    a human Member or Manager of that space: --write changes its role and always puts it back
  --write          also run the checks that change a role (needs --member)
  --admin          the token is a Workspace administrator's: also run the useAdminAccess checks
  --json           print {"checks":[{"id","assumption","result","detail"}]}
  --pace-ms N      least milliseconds between requests (default ${DEFAULT_PACING.requestGapMs}; PATCHes stay ${DEFAULT_PACING.writeGapMs} ms apart unless N is 0)

Exit code: 0 when nothing differs, 1 when something differs, 2 on a usage error or an unreadable space.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions extends ContractOptions {
  json: boolean;
}

const SPACE = /^spaces\/[^/\s?#%]+$/;
const MEMBER = /^(spaces\/[^/\s?#%]+)\/members\/[^/\s?#%]+$/;

/** The options, `'help'` for --help, or a UsageError. */
export function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        token: { type: 'string' },
        space: { type: 'string' },
        member: { type: 'string' },
        write: { type: 'boolean', default: false },
        admin: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'pace-ms': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(parseErrorMessage(e as Error & { code?: string }));
  }
  if (values.help) return 'help';
  const base = required(values.base, '--base');
  const token = required(values.token, '--token');
  const space = required(values.space, '--space');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError('--base must be a URL, such as https://chat.googleapis.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--base must be an http(s) URL');
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError('--base must be a plain URL: no credentials, query or fragment');
  }
  if (!SPACE.test(space)) throw new UsageError('--space must be a space name: spaces/ID');
  const member = typeof values.member === 'string' ? values.member : undefined;
  if (member !== undefined) {
    const match = MEMBER.exec(member);
    if (!match) throw new UsageError('--member must be a membership name: spaces/ID/members/MEMBER');
    if (match[1] !== space) throw new UsageError('--member must be a membership of the --space space');
  }
  if (values.write && !member) throw new UsageError('--write needs --member: the membership whose role it changes');
  const options: CliOptions = {
    base: url.href.replace(/\/$/, ''),
    token,
    space,
    write: values.write === true,
    admin: values.admin === true,
    json: values.json === true,
    ...(member ? { member } : {}),
  };
  if (values['pace-ms'] !== undefined) {
    const gap = Number(values['pace-ms']);
    if (!Number.isInteger(gap) || gap < 0) throw new UsageError('--pace-ms must be a whole number of milliseconds');
    options.pacing = {
      ...DEFAULT_PACING,
      requestGapMs: gap,
      writeGapMs: gap === 0 ? 0 : Math.max(gap, DEFAULT_PACING.writeGapMs),
    };
  }
  return options;
}

function required(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${name} is required`);
  return value;
}

/** parseArgs quotes what was typed; only an option's own name is repeated here. */
function parseErrorMessage(e: Error & { code?: string }): string {
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'(--?[A-Za-z][\w-]*)'/.exec(e.message)?.[1];
    return name ? `unknown option ${name}` : 'unknown option';
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected argument: every value follows its option';
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return 'an option is missing its value';
  return 'invalid arguments';
}
