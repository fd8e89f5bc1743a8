/**
 * English words about setup: setup errors (one sentence saying what to do and where), the Check setup checklist,
 * authorisation and granted scopes, paused background runs, and email lookups in the Directory.
 */

export const enSetup = {
  /** By SetupProblem (src/domain/setup-errors.ts). */
  setup: {
    'api-disabled':
      "the Google Chat API is turned off in the add-on's Google Cloud project: an owner of that project turns it on in the Google Cloud console (APIs & Services › Library › Google Chat API), then waits a few minutes",
    'app-not-configured':
      "no Chat app is configured in the add-on's Google Cloud project: an owner of that project fills in the Google Chat API's Configuration page in the Google Cloud console (app name, avatar, description)",
    'scope-missing':
      'the add-on is missing a permission it needs: open Extensions › Chat space roles again and allow every permission it asks for (or ask your administrator to allow them)',
    'not-admin':
      'your account does not have the Workspace administrator privilege for Google Chat: a super admin grants it in the Google Admin console (Account › Admin roles, Chat and Meet administration), or turn off "Act as Workspace admin"',
    'app-not-approved':
      "no Workspace administrator has approved this Chat app's chat.app permissions yet: an administrator approves them in the Google Admin console, then try again",
  },
  check: {
    /** By CheckId (src/domain/setup-checklist.ts). */
    labels: {
      permissions: 'Permissions granted to the add-on',
      api: 'Google Chat API reachable and turned on',
      'chat-app': 'Chat app configured in the Cloud project',
      admin: 'Workspace administrator privilege for Chat',
      'app-key': 'Chat app key valid and approved',
      'live-editing': 'Live-editing trigger authorised',
    },
    reauthorize:
      'open Extensions › Chat space roles again and allow every permission it asks for (or ask your administrator to allow them)',
    unreachable: 'no answer from Google Chat: check your connection and try again in a moment',
    notCheckedApi: 'not checked: Google Chat could not be reached',
    adminOff: 'not checked: admin mode is off',
    noKey: 'not checked: no Chat app key is stored',
    liveOff: 'not checked: live editing is off',
    liveReauthorize:
      'the trigger runs with your permissions, which need renewing: open Extensions › Chat space roles, allow every permission, then turn live editing off and on',
    otherAnswer: (status: number) =>
      `Google Chat answered HTTP ${status}: try again, or see the Audit sheet's messages`,
    signIn: (reason: string) => `the Chat app could not sign in: ${reason}`,
    summaryOk: 'Everything checked is set up.',
    summaryFailed: (n: number) => (n === 1 ? '1 thing to fix.' : `${n} things to fix.`),
    /** One line of the menu's checklist dialog. */
    line: (mark: string, label: string, detail: string) => `${mark} ${label}${detail ? `: ${detail}` : ''}`,
  },
  auth: {
    needsAuthorization: (url: string | null) =>
      `The add-on needs you to authorise it again (a new version asks for more access). Until you do, live editing and background continuations stop.${
        url ? ` Authorise here: ${url}` : ' Open the add-on menu to authorise.'
      }`,
    scopeMissing: {
      liveEditing:
        'You have not allowed the add-on to manage its triggers, so live editing and background continuations are off. Authorise the add-on again and allow every access it asks for.',
      admin:
        'You have not allowed the add-on the Chat admin access, so “Act as Workspace admin” cannot work. Authorise the add-on again and allow it.',
      names:
        'You have not allowed the add-on to look people up in your directory, so members Chat shows without a name stay shown by id. Authorise the add-on again and allow it to fill them in.',
    },
    triggerLimit:
      'Live editing could not be turned on: you have reached Apps Script’s trigger limit for this add-on (20 per person, across every spreadsheet you use it in). Turn live editing off in a spreadsheet you no longer edit.',
  },
  /** Why a bulk apply is paused (src/adapters/continuation.ts stores the code, the note is worded when shown). */
  pause: {
    limitReached:
      'The bulk apply is paused: its background continuation could not be scheduled because you have reached the add-on’s trigger limit (live editing in many spreadsheets uses it up). Keep the sidebar open to carry on, or use “Resume bulk apply” in the add-on menu.',
    needsAuthorization:
      'The bulk apply is paused: the add-on needs you to authorise it again before it can continue in the background. Open the add-on menu to authorise, then keep the sidebar open or use “Resume bulk apply”.',
    noDocument:
      'The bulk apply is paused: its background continuation ran without access to this spreadsheet. Keep the sidebar open to carry on, or use “Resume bulk apply” in the add-on menu.',
    failed: (reason: string) =>
      `The bulk apply is paused: its background continuation stopped (${reason}). Keep the sidebar open to carry on, or use “Resume bulk apply” in the add-on menu.`,
  },
  emailLookup: {
    notInDirectory: "no one with this email is in the organisation's directory",
    failed: (status: number) =>
      `could not look this email up in the directory (HTTP ${status}), so whether this person is a member is not known`,
    noAnswer: 'the directory did not answer, so whether this person is a member is not known',
  },
};
