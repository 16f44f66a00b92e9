import type { FormProblems } from '../http/route.js';
import type { AccountListRow } from './queries.js';
import type { Role, Staff } from './roles.js';

export type HomeView = {
  title: string;
  email: string;
  isPlatformAdmin: boolean;
  organizations: Array<{ id: string; name: string; roles: string }>;
};

export const roleLabels: Record<Role, string> = { manager: 'Manager', researcher: 'Researcher' };

/** What this account may reach: its organizations with the roles held there. */
export function presentHome(staff: Staff): HomeView {
  const byOrganization = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const membership of staff.memberships) {
    const entry = byOrganization.get(membership.organizationId) ?? { id: membership.organizationId, name: membership.organizationName, roles: [] };
    entry.roles.push(roleLabels[membership.role]);
    byOrganization.set(membership.organizationId, entry);
  }
  return {
    title: 'Your access',
    email: staff.email,
    isPlatformAdmin: staff.isPlatformAdmin,
    organizations: [...byOrganization.values()].map((entry) => ({ ...entry, roles: entry.roles.join(', ') })),
  };
}

const loginNoticeTexts: Record<string, string> = {
  setup_done: 'Setup is complete. Sign in with the email address and password you chose.',
  password_set: 'Your password is set. Sign in with it now.',
  signed_out: 'You have signed out.',
};

export function loginNoticeText(notice: string | undefined): string | undefined {
  return notice === undefined ? undefined : loginNoticeTexts[notice];
}

export type AccountListView = {
  title: string;
  accounts: Array<AccountListRow & { status: string; roles: Array<{ organizationId: string; organizationName: string; role: Role; label: string }> }>;
};

export function presentAccountList(rows: readonly AccountListRow[]): AccountListView {
  return {
    title: 'Staff accounts',
    accounts: rows.map((row) => ({
      ...row,
      status: row.hasPassword ? `${row.activeSessions} active session${row.activeSessions === 1 ? '' : 's'}` : 'waiting for its set-password link',
      roles: row.memberships.map((membership) => ({ ...membership, label: roleLabels[membership.role] })),
    })),
  };
}

/** The same page, and the same words, whether or not the address has an account. */
export function presentForgotPassword(isSent: boolean, validHours: number, problems?: FormProblems) {
  return {
    title: 'Forgot your password?',
    isSent,
    validHours,
    problems: problems?.fields ?? {},
    formProblem: problems?.message ?? '',
    email: typeof problems?.submitted.email === 'string' ? problems.submitted.email : '',
  };
}
