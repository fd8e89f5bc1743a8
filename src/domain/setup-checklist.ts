/**
 * "Check setup": from what a few harmless probes answered, a checklist of what is set up (✓), what is not (✗, with
 * the fix) and what does not apply (–). Pure: the adapter gathers the facts, this decides what they mean, so every
 * answer Chat can give is unit-tested here.
 */

import { parseFailure } from './api-errors';
import { words } from './messages';
import { type SetupProblem, setupProblem } from './setup-errors';

export type CheckId = 'permissions' | 'api' | 'chat-app' | 'admin' | 'app-key' | 'live-editing';
export type Mark = 'ok' | 'failed' | 'skipped';

export interface CheckLine {
  id: CheckId;
  mark: Mark;
  label: string;
  /** For ✗ the fix, for – why it was not checked; empty for ✓. */
  detail: string;
}

/** An HTTP answer, or undefined when none came. */
export type ProbeAnswer = { status: number; body: string } | undefined;

export interface SetupFacts {
  /** Whether Apps Script says the person must authorise the add-on (again). */
  authorizationRequired: boolean;
  /** A one-item list of the person's spaces. */
  userProbe: ProbeAnswer;
  /** A one-item admin search, when admin mode is on. */
  admin: { on: false } | { on: true; probe: ProbeAnswer };
  /** The Chat app: no key stored, its sign-in refused (the reason), or a probe with its token. */
  app: { stored: false } | { stored: true; signInError: string } | { stored: true; probe: ProbeAnswer };
  liveEditing: boolean;
}

const line = (id: CheckId, mark: Mark, detail = ''): CheckLine => ({
  id,
  mark,
  label: words().check.labels[id],
  detail,
});

function problemOf(answer: ProbeAnswer): SetupProblem | undefined {
  return answer ? setupProblem(parseFailure(answer.status, answer.body)) : undefined;
}

export function setupChecklist(facts: SetupFacts): CheckLine[] {
  const lines: CheckLine[] = [];
  const userProblem = problemOf(facts.userProbe);
  const permissionsOk = !facts.authorizationRequired && userProblem !== 'scope-missing';
  lines.push(line('permissions', permissionsOk ? 'ok' : 'failed', permissionsOk ? '' : words().check.reauthorize));

  const answer = facts.userProbe;
  if (!answer) {
    lines.push(
      line('api', 'failed', words().check.unreachable),
      line('chat-app', 'skipped', words().check.notCheckedApi),
    );
  } else if (userProblem === 'api-disabled') {
    lines.push(
      line('api', 'failed', words().setup['api-disabled']),
      line('chat-app', 'skipped', words().check.notCheckedApi),
    );
  } else if (userProblem === 'app-not-configured') {
    lines.push(line('api', 'ok'), line('chat-app', 'failed', words().setup['app-not-configured']));
  } else {
    // Any other answer came from the Chat backend, past both setup checks (a missing scope is reported above).
    lines.push(line('api', 'ok'), line('chat-app', 'ok'));
  }

  lines.push(facts.admin.on ? adminLine(facts.admin.probe) : line('admin', 'skipped', words().check.adminOff));

  lines.push(appLine(facts.app));

  if (!facts.liveEditing) lines.push(line('live-editing', 'skipped', words().check.liveOff));
  else
    lines.push(
      line('live-editing', permissionsOk ? 'ok' : 'failed', permissionsOk ? '' : words().check.liveReauthorize),
    );
  return lines;
}

function adminLine(answer: ProbeAnswer): CheckLine {
  if (!answer) return line('admin', 'failed', words().check.unreachable);
  if (answer.status === 200) return line('admin', 'ok');
  const problem = problemOf(answer);
  // A 403 with no other explanation on an admin call is the missing privilege.
  if (problem === 'not-admin' || (problem === undefined && answer.status === 403))
    return line('admin', 'failed', words().setup['not-admin']);
  if (problem) return line('admin', 'failed', words().setup[problem]);
  return line('admin', 'failed', words().check.otherAnswer(answer.status));
}

function appLine(app: SetupFacts['app']): CheckLine {
  if (!app.stored) return line('app-key', 'skipped', words().check.noKey);
  if ('signInError' in app) return line('app-key', 'failed', words().check.signIn(app.signInError));
  if (!app.probe) return line('app-key', 'failed', words().check.unreachable);
  // The probe reads a space the app cannot know: "not found" or "no permission" there means the app got past the
  // scope and approval checks; only a setup error says otherwise.
  const problem = problemOf(app.probe);
  if (problem === 'app-not-approved' || problem === 'scope-missing')
    return line('app-key', 'failed', words().setup['app-not-approved']);
  if (problem) return line('app-key', 'failed', words().setup[problem]);
  return line('app-key', 'ok');
}

/** The checklist as text lines for a dialog: "✓ label", "✗ label: fix", "– label: why not". */
export function checklistText(lines: readonly CheckLine[]): string[] {
  const mark = { ok: '✓', failed: '✗', skipped: '–' } as const;
  const failed = lines.filter((l) => l.mark === 'failed').length;
  return [
    ...lines.map((l) => words().check.line(mark[l.mark], l.label, l.detail)),
    '',
    failed === 0 ? words().check.summaryOk : words().check.summaryFailed(failed),
  ];
}
