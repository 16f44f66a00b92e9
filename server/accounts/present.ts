import type { FormProblems } from '../http/route.js';
import { translateFormProblems } from '../i18n/problem-text.js';
import type { Translate } from '../i18n/translate.js';
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
export function presentHome(t: Translate, staff: Staff): HomeView {
  const byOrganization = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const membership of staff.memberships) {
    const entry = byOrganization.get(membership.organizationId) ?? { id: membership.organizationId, name: membership.organizationName, roles: [] };
    entry.roles.push(t(roleLabels[membership.role]));
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

/** The notice's English text; the page translates it (the texts stay in this table as keys). */
export function loginNoticeText(notice: string | undefined): string | undefined {
  return notice === undefined ? undefined : loginNoticeTexts[notice];
}

export type AccountListView = {
  title: string;
  accounts: Array<AccountListRow & { status: string; roles: Array<{ organizationId: string; organizationName: string; role: Role; label: string }> }>;
};

function accountStatus(t: Translate, row: AccountListRow): string {
  if (!row.hasPassword) return t('waiting for its set-password link');
  const count = row.activeSessions;
  return count === 1 ? t('{count} active session', { count }) : t('{count} active sessions', { count });
}

export function presentAccountList(t: Translate, rows: readonly AccountListRow[]): AccountListView {
  return {
    title: 'Staff accounts',
    accounts: rows.map((row) => ({
      ...row,
      status: accountStatus(t, row),
      roles: row.memberships.map((membership) => ({ ...membership, label: t(roleLabels[membership.role]) })),
    })),
  };
}

/** The same page, and the same words, whether or not the address has an account. */
export function presentForgotPassword(t: Translate, isSent: boolean, validHours: number, problems?: FormProblems) {
  return {
    title: 'Forgot your password?',
    isSent,
    validHours,
    ...translateFormProblems(t, problems),
    email: typeof problems?.submitted.email === 'string' ? problems.submitted.email : '',
  };
}
