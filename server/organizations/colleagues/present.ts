import type { MemberRow } from '../../accounts/queries.js';
import type { Staff } from '../../accounts/roles.js';
import type { FormProblems } from '../../http/route.js';
import type { OrganizationRow } from '../queries.js';
import type { colleagueNotices } from './schema.js';

const notices: Record<(typeof colleagueNotices)[number], string> = {
  granted: 'The role was granted. They can sign in with their existing password.',
  removed: 'The role was removed.',
};

export function presentColleaguesPage(
  organization: OrganizationRow, staff: Staff, members: readonly MemberRow[], done: (typeof colleagueNotices)[number] | undefined, problems?: FormProblems,
) {
  const typed = problems?.submitted ?? {};
  return {
    title: `Colleagues in ${organization.name}`,
    organization,
    notice: done ? notices[done] : undefined,
    members: members.map((member) => ({
      ...member,
      isYou: member.accountId === staff.accountId,
      status: member.hasPassword ? 'active' : 'has not set a password yet',
    })),
    values: { email: typeof typed.email === 'string' ? typed.email : '', role: typed.role === 'manager' ? 'manager' : 'researcher' },
    problems: problems?.fields ?? {},
    formProblem: problems?.message ?? '',
  };
}
