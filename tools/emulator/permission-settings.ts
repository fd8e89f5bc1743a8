/**
 * A named space's permission settings (Space.permissionSettings in chat.v1.json, revision 20260920): for each
 * capability, whether Owners (`managersAllowed`), Managers (`assistantManagersAllowed`) and Members
 * (`membersAllowed`) have it. The emulator enforces only `manageMembersAndGroups` on role changes (ASSUMPTIONS.md).
 */

import type { MembershipRole } from './enums';

export interface PermissionSetting {
  managersAllowed?: boolean;
  assistantManagersAllowed?: boolean;
  membersAllowed?: boolean;
}

export const PERMISSION_SETTING_KEYS = [
  'manageApps',
  'manageMembersAndGroups',
  'manageWebhooks',
  'modifySpaceDetails',
  'postMessages',
  'replyMessages',
  'toggleHistory',
  'useAtMentionAll',
  'viewSpaceMembership',
] as const;

export const PERMISSION_SETTING_FIELDS = ['managersAllowed', 'assistantManagersAllowed', 'membersAllowed'] as const;

export type PermissionSettings = Partial<Record<(typeof PERMISSION_SETTING_KEYS)[number], PermissionSetting>>;

/**
 * Whether a caller with `role` may manage members (and so change roles) under `settings`. Owners always may: Chat
 * does not let a space take that permission from its owners. Managers may unless the space says they may not.
 */
export function mayManageMembers(settings: PermissionSettings | undefined, role: MembershipRole): boolean {
  if (role === 'ROLE_MANAGER') return true;
  if (role === 'ROLE_ASSISTANT_MANAGER') return settings?.manageMembersAndGroups?.assistantManagersAllowed !== false;
  return false;
}
