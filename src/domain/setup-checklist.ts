/**
 * "Check setup": from what a few harmless probes answered, a checklist of what is set up (✓), what is not (✗, with
 * the fix) and what does not apply (–). Pure: the adapter gathers the facts, this decides what they mean, so every
 * answer Chat can give is unit-tested here.
 */

import { parseFailure } from './api-errors';
import { SETUP_WORDS, type SetupProblem, setupProblem } from './setup-errors';

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

export const CHECK_WORDS = {
  labels: {
    permissions: 'Permissions granted to the add-on',
    api: 'Google Chat API reachable and turned on',
    'chat-app': 'Chat app configured in the Cloud project',
    admin: 'Workspace administrator privilege for Chat',
    'app-key': 'Chat app key valid and approved',
    'live-editing': 'Live-editing trigger authorised',
  } satisfies Record<CheckId, string>,
  reauthorize:
    'open Extensions › Chat space roles again and allow every permission it asks for (or ask your administrator to allow them)',
  unreachable: 'no answer from Google Chat: check your connection and try again in a moment',
  notCheckedApi: 'not checked: Google Chat could not be reached',
  adminOff: 'not checked: admin mode is off',
  noKey: 'not checked: no Chat app key is stored',
  liveOff: 'not checked: live editing is off',
  liveReauthorize:
    'the trigger runs with your permissions, which need renewing: open Extensions › Chat space roles, allow every permission, then turn live editing off and on',
  otherAnswer: (status: number) => `Google Chat answered HTTP ${status}: try again, or see the Audit sheet's messages`,
  signIn: (reason: string) => `the Chat app could not sign in: ${reason}`,
  summaryOk: 'Everything checked is set up.',
  summaryFailed: (n: number) => `${n} thing${n === 1 ? '' : 's'} to fix.`,
};

const line = (id: CheckId, mark: Mark, detail = ''): CheckLine => ({
  id,
  mark,
  label: CHECK_WORDS.labels[id],
  detail,
});

function problemOf(answer: ProbeAnswer): SetupProblem | undefined {
  return answer ? setupProblem(parseFailure(answer.status, answer.body)) : undefined;
}

export function setupChecklist(facts: SetupFacts): CheckLine[] {
  const lines: CheckLine[] = [];
  const userProblem = problemOf(facts.userProbe);
  const permissionsOk = !facts.authorizationRequired && userProblem !== 'scope-missing';
  lines.push(line('permissions', permissionsOk ? 'ok' : 'failed', permissionsOk ? '' : CHECK_WORDS.reauthorize));

  const answer = facts.userProbe;
  if (!answer) {
    lines.push(line('api', 'failed', CHECK_WORDS.unreachable), line('chat-app', 'skipped', CHECK_WORDS.notCheckedApi));
  } else if (userProblem === 'api-disabled') {
    lines.push(
      line('api', 'failed', SETUP_WORDS['api-disabled']),
      line('chat-app', 'skipped', CHECK_WORDS.notCheckedApi),
    );
  } else if (userProblem === 'app-not-configured') {
    lines.push(line('api', 'ok'), line('chat-app', 'failed', SETUP_WORDS['app-not-configured']));
  } else {
    // Any other answer came from the Chat backend, past both setup checks (a missing scope is reported above).
    lines.push(line('api', 'ok'), line('chat-app', 'ok'));
  }

  lines.push(facts.admin.on ? adminLine(facts.admin.probe) : line('admin', 'skipped', CHECK_WORDS.adminOff));

  lines.push(appLine(facts.app));

  if (!facts.liveEditing) lines.push(line('live-editing', 'skipped', CHECK_WORDS.liveOff));
  else
    lines.push(line('live-editing', permissionsOk ? 'ok' : 'failed', permissionsOk ? '' : CHECK_WORDS.liveReauthorize));
  return lines;
}

function adminLine(answer: ProbeAnswer): CheckLine {
  if (!answer) return line('admin', 'failed', CHECK_WORDS.unreachable);
  if (answer.status === 200) return line('admin', 'ok');
  const problem = problemOf(answer);
  // A 403 with no other explanation on an admin call is the missing privilege.
  if (problem === 'not-admin' || (problem === undefined && answer.status === 403))
    return line('admin', 'failed', SETUP_WORDS['not-admin']);
  if (problem) return line('admin', 'failed', SETUP_WORDS[problem]);
  return line('admin', 'failed', CHECK_WORDS.otherAnswer(answer.status));
}

function appLine(app: SetupFacts['app']): CheckLine {
  if (!app.stored) return line('app-key', 'skipped', CHECK_WORDS.noKey);
  if ('signInError' in app) return line('app-key', 'failed', CHECK_WORDS.signIn(app.signInError));
  if (!app.probe) return line('app-key', 'failed', CHECK_WORDS.unreachable);
  // The probe reads a space the app cannot know: "not found" or "no permission" there means the app got past the
  // scope and approval checks; only a setup error says otherwise.
  const problem = problemOf(app.probe);
  if (problem === 'app-not-approved' || problem === 'scope-missing')
    return line('app-key', 'failed', SETUP_WORDS['app-not-approved']);
  if (problem) return line('app-key', 'failed', SETUP_WORDS[problem]);
  return line('app-key', 'ok');
}

/** The checklist as text lines for a dialog: "✓ label", "✗ label: fix", "– label: why not". */
export function checklistText(lines: readonly CheckLine[]): string[] {
  const mark = { ok: '✓', failed: '✗', skipped: '–' } as const;
  const failed = lines.filter((l) => l.mark === 'failed').length;
  return [
    ...lines.map((l) => `${mark[l.mark]} ${l.label}${l.detail ? `: ${l.detail}` : ''}`),
    '',
    failed === 0 ? CHECK_WORDS.summaryOk : CHECK_WORDS.summaryFailed(failed),
  ];
}
