import type { MemberRow } from '../../accounts/queries.js';
import type { Role, Staff } from '../../accounts/roles.js';
import { translateFormProblems } from '../../i18n/problem-text.js';
import type { FormProblems } from '../../http/route.js';
import type { Translate } from '../../i18n/translate.js';
import type { OrganizationRow } from '../queries.js';
import type { colleagueNotices } from './schema.js';

const notices: Record<(typeof colleagueNotices)[number], string> = {
  granted: 'The role was granted. They can sign in with their existing password.',
  removed: 'The role was removed.',
};

// Lower-case, as the role reads inside a sentence ("… as manager").
const roleNames: Record<Role, string> = { manager: 'manager', researcher: 'researcher' };

export function presentColleaguesPage(
  t: Translate, organization: OrganizationRow, staff: Staff, members: readonly MemberRow[], done: (typeof colleagueNotices)[number] | undefined, problems?: FormProblems,
) {
  const typed = problems?.submitted ?? {};
  return {
    title: t('Colleagues in {organization}', { organization: organization.name }),
    organization,
    notice: done ? t(notices[done]) : undefined,
    members: members.map((member) => ({
      ...member,
      isYou: member.accountId === staff.accountId,
      roleLabel: t(roleNames[member.role]),
      status: member.hasPassword ? t('active') : t('has not set a password yet'),
    })),
    values: { email: typeof typed.email === 'string' ? typed.email : '', role: typed.role === 'manager' ? 'manager' : 'researcher' },
    ...translateFormProblems(t, problems),
  };
}
