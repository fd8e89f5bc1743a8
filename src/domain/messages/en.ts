/**
 * English: the reference catalogue. Every text the add-on shows people is here; zh-TW.ts must have every key (its
 * type is `Messages`, so a missing or extra key is a compile error). Texts that depend on numbers take them as
 * arguments, so each language writes its own plurals.
 */

import { enSetup } from './en-setup';
import { enSidebar } from './en-sidebar';
import { plural } from './plural';

const core = {
  appTitle: 'Chat space roles',
  roles: { ROLE_MEMBER: 'Member', ROLE_ASSISTANT_MANAGER: 'Manager', ROLE_MANAGER: 'Owner' },
  roleChoices: 'Member, Manager or Owner',
  notARole: (shown: string) => `${shown} is not a role: use Member, Manager or Owner`,
  emptyCell: 'an empty cell',
  ambiguousRole: (typed: string) =>
    `"${typed}" is ambiguous: older Google texts used it for the Owner. Type Owner (擁有者) or Manager (管理員)`,
  noRole: 'no role',
  menu: {
    openSidebar: 'Open sidebar',
    apply: 'Apply pending role changes',
    preview: 'Preview pending changes (dry run)',
    undo: 'Undo last bulk apply',
    resume: 'Resume bulk apply',
    refresh: 'Refresh members',
    liveOn: 'Turn live editing on',
    liveOff: 'Turn live editing off',
    liveToggle: 'Turn live editing on/off',
    checkSetup: 'Check setup',
  },
  toast: {
    liveOn: 'Live editing is on: role edits apply as you type.',
    liveOff: 'Live editing is off.',
    noUnfinishedRun: 'There is no unfinished bulk apply.',
    refreshed: (members: number, drifted: number, added: number, gone: number) =>
      `${plural(members, 'member', 'members')}: ${drifted} changed in Chat, ${added} new, ${gone} left.`,
    applying: (n: number) => `Applying ${plural(n, 'role change', 'role changes')}…`,
    lookingUp: (n: number) => `Looking up ${plural(n, 'row', 'rows')} added by email…`,
    undoing: (n: number) => `Undoing ${plural(n, 'role change', 'role changes')}…`,
    finished: (applied: number, failed: number) => `Applied ${applied}, failed ${failed}.`,
    undone: (undone: number, failed: number) => `Undid ${undone}, failed ${failed}.`,
    stillGoing: (applied: number, failed: number, pending: number) =>
      `Applied ${applied}, failed ${failed}. ${pending} still to go: continuing in the background.`,
    paused: (applied: number, failed: number, note: string) => `Applied ${applied}, failed ${failed}. ${note}`,
    runFinished: (applied: number, failed: number) => `Bulk apply finished: applied ${applied}, failed ${failed}.`,
    /** A result, then the rows asked for but not applied, each "who (why)", joined; `more` left out of a long list. */
    notApplied: (result: string, items: string, more: number) =>
      `${result} Not applied: ${items}${more > 0 ? `; and ${more} more` : ''}.`,
    notAppliedSeparator: '; ',
    notAppliedItem: (who: string, reason: string) => `${who} (${reason})`,
  },
  dialog: {
    nothingPending: 'There are no pending role changes.',
    applyTitle: (n: number) => `Apply ${plural(n, 'role change', 'role changes')}?`,
    /** The title when the only rows listed were added by email (nothing is known to change until they are looked up). */
    lookUpTitle: (n: number) => `Look up ${plural(n, 'row', 'rows')} added by email?`,
    lookups: (n: number) =>
      n === 1
        ? '1 row added by email will be looked up first: its role is applied only if the person is a member of the space.'
        : `${n} rows added by email will be looked up first: each role is applied only if the person is a member of the space.`,
    you: 'you',
    unknown: 'someone unknown',
    line: (space: string, member: string, from: string, to: string, by: string) =>
      `• ${space} · ${member}: ${from} → ${to} (typed by ${by})`,
    lookupLine: (space: string, email: string, to: string, by: string) =>
      `• ${space} · ${email}: → ${to}, if this person is a member (added by email; typed by ${by})`,
    others: (n: number, asAdmin: boolean, withApp: boolean) =>
      `${n === 1 ? '1 change above was' : `${n} changes above were`} not recorded as typed by you. ${n === 1 ? 'It' : 'They'} will be made with your rights${
        asAdmin ? ' as a Workspace admin' : ''
      }${withApp ? ' and with your Chat app key' : ''}.`,
    mineToo: (all: number, mine: number) =>
      `Yes: apply all ${all}. No: apply only the ${mine} you typed. Cancel: apply nothing.`,
    refusals: (n: number) =>
      `${plural(n, 'row', 'rows')} can't be applied and will be put back, with the reason in Status.`,
    noUndo: 'You have no bulk apply to undo in this spreadsheet.',
    nothingToUndo: (skipped: number) =>
      `Nothing to undo for the last bulk apply.${skipped > 0 ? ` ${plural(skipped, 'change was', 'changes were')} changed again since.` : ''}`,
    undoTitle: (n: number) => `Undo ${plural(n, 'change', 'changes')} from your last bulk apply?`,
    undoLine: (space: string, member: string, from: string, to: string) => `• ${space} · ${member}: ${from} → ${to}`,
    skipped: (who: string, reason: string) => `Skipped ${who}: ${reason}`,
    summaryLine: (space: string, total: number, parts: string) => `${space}: ${total} (${parts})`,
  },
  status: {
    applied: (role: string, at: string) => `✓ Now ${role} · ${at}`,
    refused: (reason: string) => `✗ Not changed: ${reason}`,
    failed: (reason: string) => `✗ Failed: ${reason}`,
    /** While its run goes on: one short text per outcome (the time and any reason follow when the space is done). */
    appliedSoFar: '✓ Applied',
    failedSoFar: '✗ Failed',
    /** An edit that waits for someone to review it in Apply (its typist's live editing is off): short, one line. */
    pendingOtherEditor: (editor: string) => `⏳ Pending: typed by ${editor || 'someone unknown'}`,
    pendingNotConfirmed:
      '⏳ Pending: changed while the Apply confirmation was open, so it was not applied; use Apply pending role changes to review it',
    pendingBusy: '⏳ Pending: another operation was running; use Apply pending role changes',
    pendingChangedMeanwhile:
      '⏳ Pending: the Role cell was changed while a bulk apply was waiting; use Apply pending role changes',
    pendingTimeLimit: '⏳ Pending: not reached before the time limit; use Apply pending role changes',
    unseenElsewhere: (who: string, role: string) =>
      `⚠ Not sent (${role} typed here): ${who} has a change to this member that may already be in Chat but is not shown here yet; this row is updated when that change finishes (or use Refresh members)`,
    drift: (was: string, now: string) => `⚠ Changed in Chat since the last load: was ${was}, now ${now}`,
    gone: '⚠ No longer in this space',
    goneWithChange: (role: string) => `⚠ No longer in this space (the change to ${role} was not applied)`,
    cellRestored: '↺ Only the Role column can be edited; the cell was put back',
  },
  reason: {
    keysChanged:
      'this row no longer matches the member it was loaded for (its hidden cells were changed or copied); press Refresh members to reload it',
    groupNoRole: 'Google Groups have no role in a space',
    appRole: "a Chat app's role can't be changed",
    namedSpacesOnly: 'Manager and Owner exist only in named spaces, not in group chats or direct messages',
    memberCannot: 'only Owners and Managers can change roles, and the person applying is a Member here',
    managerCannot: "a Manager can't make someone an Owner or change an Owner's role",
    keepOwner: 'the space must keep at least one Owner: make someone else Owner first',
    typeEmail: "type the person's email in the Email column to add them by email",
    emailNoLookup: 'that email cannot be looked up',
    alreadyListed: 'this person already has a row in this sheet',
    notAMember: 'not a member of this space (this add-on changes roles; it does not add people)',
    noAnswer: 'no answer from Google Chat',
    unknownError: 'unknown error',
    unknownOutcome:
      'Google Chat did not confirm whether this change was made, even after retrying: press Refresh members to see the role in Chat',
    superseded: 'the Role cell was edited again before this change was sent',
    gaveUp: 'gave up after several attempts',
    notInLoadedSheet: 'the member is not in a loaded sheet',
    changedMeanwhile: (now: string) => `changed in Chat by someone else meanwhile (now ${now})`,
    changedAgain: (now: string) => `changed again since (now ${now})`,
    notMade: (now: string) => `Google Chat answered, but did not make the change: the role in Chat is ${now}`,
  },
  api: {
    refused: 'Google Chat refused the change',
    rejected: 'Google Chat rejected the request',
    signInExpired: 'the Google sign-in has expired: reload the spreadsheet and try again',
    noPermission: 'Google Chat did not allow this with the access used',
    notFound: 'not found: the member may have left the space, or the person applying is no longer in it',
    conflict: 'Google Chat reported a conflict: refresh the members and try again',
    quota: 'Google Chat quota exceeded even after retrying: try again in a minute',
    unavailable: (status: number) => `Google Chat is unavailable right now (HTTP ${status}) even after retrying`,
    unexpected: (status: number) => `unexpected answer from Google Chat (HTTP ${status})`,
  },
  error: {
    busy: 'Another Chat roles operation is running in this spreadsheet. Try again in a moment.',
    couldNot: (what: string, reason: string) => `Could not ${what}: ${reason}`,
    noAnswer: (what: string) => `Could not ${what}: no answer from Google Chat. Try again in a moment.`,
    notJson: 'the response was not valid JSON',
    tooManyPages: (max: number) => `more than ${max} pages`,
    listSpaces: 'list your spaces',
    searchSpaces: "search your organisation's spaces",
    readSpace: 'read the space',
    listMembers: 'list the members',
    notASpace: 'That is not a Chat space name (expected spaces/…).',
    badAccess: 'Load a space as yourself, as a Workspace admin or as the Chat app.',
    openMemberSheet: 'Open a member sheet (one loaded from the sidebar) and choose Refresh members again.',
    noAppKey: 'No service-account key is stored: add the Chat app’s key in the sidebar first.',
    appSignIn: (reason: string) => `The Chat app could not sign in: ${reason}`,
    noGoogleAnswer: 'no answer from Google',
    pasteKey: 'Paste the JSON key file of the service account.',
    keyTooLong: 'That is too long to be a service-account key file.',
    keyNotJson: 'That is not a JSON key file (it must be the whole file, starting with "{").',
    keyNotServiceAccount: 'The key file must be for a service account ("type": "service_account").',
    keyNoEmail: 'The key file has no valid "client_email" (…@….iam.gserviceaccount.com).',
    keyNoPrivateKey: 'The key file has no valid "private_key" (a PEM block "BEGIN PRIVATE KEY").',
    keyTokenUri: (url: string) => `The key file's "token_uri" must be ${url}.`,
  },
  headers: {
    member: [
      'Name',
      'Email',
      'Type',
      'State',
      'Role',
      'Status',
      'Membership (key)',
      'Server role (key)',
      'Snapshot (key)',
    ],
    // The Membership columns hold resource names: the sheets hide them (people and space names are what is read).
    preview: ['Space', 'Member', 'Membership', 'Current role', 'Requested role', 'Outcome'],
    audit: [
      'Time',
      'Who',
      'Space',
      'Member',
      'Membership',
      'Old role',
      'New role',
      'Result',
      'Error status',
      'Error message',
      'Run id',
    ],
  },
  kinds: { person: 'Person', app: 'Chat app', group: 'Google Group' },
  states: { JOINED: 'Joined', INVITED: 'Invited', NOT_A_MEMBER: 'Not a member', LEFT: 'Left' },
  preview: {
    willApply: 'Will apply',
    willLookUp: 'Will be looked up by email, then applied if the person is a member',
    willRefuse: (reason: string) => `Will be refused: ${reason}`,
  },
  audit: { applied: 'applied', failed: 'failed', refused: 'refused' },
  names: {
    idShown: 'The Chat id is shown instead of a name.',
    emailUnknown: 'The email is not known.',
    notInDirectory: (shown: string) =>
      `Not found in the organisation's directory (an account outside it, or one that was deleted). ${shown}`,
    noPermission: (shown: string) =>
      `The account that loaded this sheet may not read the organisation's directory (Google answered 403), so the name was not looked up. ${shown}`,
    busy: (shown: string) =>
      `The directory stayed busy (rate limit or server error) after several tries. ${shown} Refresh members to try again.`,
    unreachable: (shown: string) => `The directory could not be reached. ${shown} Refresh members to try again.`,
    notLookedUp: (shown: string) => `Chat gave an id this add-on does not look up. ${shown}`,
    outOfTime: (shown: string) =>
      `Not looked up yet: the lookup stopped to stay within Apps Script's time limit. ${shown} Refresh members to look up the rest.`,
    errorStatus: (shown: string, status: number) =>
      `The directory answered with an error${status ? ` (HTTP ${status})` : ''}. ${shown}`,
  },
  sheetTitles: {
    untitledSpace: 'Chat space',
    /** A space named like one of the add-on's own sheets (Audit, Preview). */
    spaceSuffix: (title: string) => `${title} (space)`,
    accessSuffix: (title: string, access: 'admin' | 'app') => `${title} (${access === 'admin' ? 'admin' : 'Chat app'})`,
    audit: 'Audit',
    preview: 'Preview',
  },
};

export const en = { ...core, ...enSetup, sidebar: enSidebar };

export type Messages = typeof en;
/** The part of a catalogue kept in this file (the rest is in the -setup and -sidebar files). */
export type CoreMessages = typeof core;
