import { translateProblem, translateProblems } from '../i18n/problem-text.js';
import type { FormProblems } from '../http/route.js';
import type { Translate } from '../i18n/translate.js';
import type { OrganizationListRow, OrganizationRow } from './queries.js';
import type { unitNotices } from './schema.js';
import type { UnitWithUse } from './service.js';

export function presentAdminHome(organizations: readonly OrganizationListRow[]) {
  return { title: 'Platform admin', organizations };
}

const noticeTexts: Record<(typeof unitNotices)[number], string> = {
  created: 'The unit was added.',
  renamed: 'The unit was renamed.',
  archived: 'The unit was archived: new waves will not offer it.',
  restored: 'The unit is active again.',
  deleted: 'The unit was deleted.',
  headcount: 'The headcount was saved.',
};

/** Which form a refusal belongs to: the add form, or one unit's rename or headcount form. */
export type UnitFormProblems = FormProblems & { form: 'create' | 'rename' | 'headcount'; unitId?: string };

/** A refused form's problems, in the page's language. */
function translateUnitFormProblems(t: Translate, problems: UnitFormProblems | undefined): UnitFormProblems | undefined {
  return problems && { ...problems, message: translateProblem(t, problems.message), fields: translateProblems(t, problems.fields) };
}

export function presentUnitsPage(
  t: Translate, organization: OrganizationRow, units: readonly UnitWithUse[], done: (typeof unitNotices)[number] | undefined, problems?: UnitFormProblems,
) {
  const translated = translateUnitFormProblems(t, problems);
  const problemsFor = (form: UnitFormProblems['form'], unitId?: string) => (translated?.form === form && translated.unitId === unitId ? translated : undefined);
  const row = (unit: UnitWithUse) => ({
    ...unit,
    rename: problemsFor('rename', unit.id),
    headcountProblems: problemsFor('headcount', unit.id),
  });
  return {
    title: t('Units of {organization}', { organization: organization.name }),
    organization,
    activeUnits: units.filter((unit) => !unit.isArchived).map(row),
    archivedUnits: units.filter((unit) => unit.isArchived).map(row),
    notice: done ? t(noticeTexts[done]) : undefined,
    create: problemsFor('create'),
  };
}
