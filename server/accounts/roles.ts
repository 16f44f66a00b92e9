import type { StaffLanguage } from '../i18n/languages.js';

/** Roles are held per organization; platform admin is a property of the account itself. */
export const roles = ['manager', 'researcher'] as const;
export type Role = (typeof roles)[number];

export type Membership = { organizationId: string; organizationName: string; role: Role };

/** A signed-in staff member, as loaded from a valid session. */
export type Staff = {
  accountId: string;
  email: string;
  isPlatformAdmin: boolean;
  memberships: Membership[];
  sessionTokenHash: string;
  /** The language the account chose for staff pages with the switch in the header, if it ever did. */
  language: StaffLanguage | undefined;
};

export type RoleCheck = 'allowed' | 'other_role' | 'not_member';

/**
 * Whether `staff` may act in `organizationId` with one of `allowed`. Platform admins may act in
 * every organization. 'not_member' is answered as "not found", so an organization's existence
 * is never revealed to outsiders; 'other_role' (a researcher on a manager page) as "forbidden".
 */
export function checkRole(staff: Staff, organizationId: string, allowed: readonly Role[]): RoleCheck {
  if (staff.isPlatformAdmin) return 'allowed';
  const held = staff.memberships.filter((membership) => membership.organizationId === organizationId);
  if (held.length === 0) return 'not_member';
  return held.some((membership) => allowed.includes(membership.role)) ? 'allowed' : 'other_role';
}

export function holdsRole(staff: Staff, organizationId: string, role: Role): boolean {
  return staff.isPlatformAdmin || staff.memberships.some((membership) => membership.organizationId === organizationId && membership.role === role);
}
