/** The sidebar's words in English (the sidebar bundle carries every catalogue; the server says which to use). */

import { plural } from './plural';

export const enSidebar = {
  title: 'Chat space roles',
  signedInAs: (email: string) => `Signed in as ${email}`,
  adminSummary: 'Workspace admin',
  iamAdmin: 'I am a Google Workspace administrator',
  actAsAdmin: 'Act as Workspace admin',
  adminHelp:
    'As an admin you can manage every named space of your organisation, with the Chat admin privilege. Sheets loaded this way apply changes with admin access, and only your own edits.',
  appSummary: 'Chat app (service account)',
  appHelp:
    'For spaces created by your Chat app: changes are made by the app (chat.app.memberships, approved once by an admin). The key is kept for you only and is never shown again.',
  appKeyStatusLabel: 'Chat app key status',
  appKeyLabel: 'Service-account key (JSON)',
  saveKey: 'Save key',
  removeKey: 'Remove key',
  loadAsApp: 'Load as the Chat app',
  yourSpaces: 'Your spaces',
  orgSpaces: 'Your organisation’s spaces (busiest first)',
  filterPlaceholder: 'Filter by name',
  searchPlaceholder: 'Search by name',
  filterLabel: 'Filter spaces',
  spacesLabel: 'Spaces',
  loadMembers: 'Load members',
  reloadList: 'Reload list',
  liveEditing: 'Live editing (apply role edits as I type)',
  pendingHeading: 'Pending changes',
  previewButton: 'Preview (dry run)',
  applyButton: 'Apply pending changes',
  progressLabel: 'Bulk apply progress',
  loadingSpaces: 'Loading your spaces…',
  searchingOrg: 'Searching your organisation’s spaces…',
  noMatch: 'No space matches the filter.',
  noSpaces: 'You are not in any named space.',
  spaceCount: (n: number) => `${plural(n, 'space', 'spaces')}.`,
  spaceCountFiltered: (shown: number, total: number) => `${shown} of ${plural(total, 'space', 'spaces')} shown.`,
  memberCount: (n: number) => ` · ${plural(n, 'member', 'members')}`,
  /** How the server's own "Could not …" sentences start: those are shown as they are, never wrapped again. */
  couldNotPrefix: 'Could not ',
  couldNotList: (reason: string) => `Could not list your spaces: ${reason}`,
  loadingMembers: (space: string) => `Loading members of ${space}…`,
  /** `members` as Chat counts them in the space list (people and groups who joined); invited people and apps apart. */
  loaded: (members: number, invited: number, apps: number, sheet: string) => {
    const extra = [invited > 0 ? `${invited} invited` : '', apps > 0 ? plural(apps, 'app', 'apps') : ''].filter(
      Boolean,
    );
    return `Loaded ${plural(members, 'member', 'members')}${extra.length > 0 ? ` (+ ${extra.join(', ')})` : ''} into the sheet “${sheet}”.`;
  },
  couldNotLoad: (reason: string) => `Could not load the members: ${reason}`,
  progress: (undo: boolean, done: number, failed: number, remaining: number, eta: string) =>
    `${undo ? 'Undo' : 'Bulk apply'}: ${done} done, ${failed} failed, ${remaining} remaining (about ${eta} left)`,
  eta: (minutes: number, seconds: number) => (minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`),
  progressUnavailable: (reason: string) => `Progress unavailable: ${reason}`,
  keyStored: (email: string) => `Key stored for ${email}.`,
  noKey: 'No key stored.',
  keySaved: 'The Chat app key is stored.',
  keyRemoved: 'The Chat app key is removed.',
  previewDone: (changes: number, refused: number, sheet: string) =>
    `Preview: ${plural(changes, 'change', 'changes')} would apply, ${refused} would be refused (sheet “${sheet}”).`,
  nothingApplied: 'Nothing applied.',
  applied: (applied: number, failed: number, refused: number) =>
    `Applied ${applied}, failed ${failed}, refused ${refused}.`,
  appliedContinuing: (applied: number, failed: number, refused: number, pending: number) =>
    `Applied ${applied}, failed ${failed}, refused ${refused}, ${pending} continuing in the background.`,
  liveOn: 'Live editing is on.',
  liveOff: 'Live editing is off.',
  couldNotToggle: (reason: string) => `Could not change live editing: ${reason}`,
  // Driving a run step by step, and Check setup.
  withNote: (progress: string, note: string) => `${progress}. ${note}`,
  step: (applied: number, failed: number) => `Last step: ${applied} applied, ${failed} failed.`,
  runBusy: 'Another execution is working on the run; trying again shortly.',
  runFinished: (applied: number, failed: number) =>
    `Bulk apply finished. Last step: ${applied} applied, ${failed} failed.`,
  /** The run was finished by another execution (a menu click, a background continuation): its outcome is in the sheet. */
  runDone: 'Bulk apply finished: the Status column and the Audit sheet show each change.',
  /** How the person's last run ended, when this sidebar did not watch it end (started from the menu, say). */
  runEnded: (undo: boolean, at: string, applied: number, failed: number) =>
    undo
      ? `Undo finished at ${at}: ${applied} undone, ${failed} failed.`
      : `Bulk apply finished at ${at}: ${applied} applied, ${failed} failed.`,
  stoppedDriving: (message: string) =>
    `The sidebar stopped driving the bulk apply (${message}); it continues in the background, or use “Resume bulk apply”.`,
  setupHeading: 'Setup',
  checkSetup: 'Check setup',
  setupChecklist: 'Setup checklist',
  checking: 'Checking the setup…',
  couldNotCheck: (message: string) => `Could not check the setup: ${message}`,
  checkMark: {
    ok: (label: string) => `OK: ${label}`,
    failed: (label: string) => `Not set up: ${label}`,
    skipped: (label: string) => `Not checked: ${label}`,
  },
};
