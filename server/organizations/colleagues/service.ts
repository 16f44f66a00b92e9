import type { Role, Staff } from '../../accounts/roles.js';
import { listOrganizationMembers } from '../../accounts/service.js';
import type { MemberRow } from '../../accounts/queries.js';
import type { Db, Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { grantRole, revokeRole } from '../service.js';

export async function listColleagues(db: Queryable, organizationId: string): Promise<MemberRow[]> {
  return listOrganizationMembers(db, organizationId);
}

/**
 * A manager gives a colleague a role in their own organization, as a platform admin would on
 * /admin; a new account's one-time set-password link comes back to be shown once.
 */
export async function inviteColleague(db: Db, actor: Staff, organizationId: string, invitation: { email: string; role: Role }): Promise<{ setPasswordToken: string | undefined }> {
  return grantRole(db, actor, { ...invitation, organizationId });
}

/**
 * Removes a colleague's role. A manager cannot remove their own manager role: an organization
 * left without a manager could only be run again by a platform admin.
 */
export async function removeColleague(db: Db, actor: Staff, organizationId: string, membership: { accountId: string; role: Role }): Promise<void> {
  if (membership.accountId === actor.accountId && membership.role === 'manager' && !actor.isPlatformAdmin) {
    throw new AppError('invalid_state', 'You cannot remove your own manager role; ask another manager of this organization.');
  }
  await revokeRole(db, actor, { ...membership, organizationId });
}
