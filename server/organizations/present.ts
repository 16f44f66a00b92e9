import type { FormProblems } from '../http/route.js';
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

export function presentUnitsPage(
  organization: OrganizationRow, units: readonly UnitWithUse[], done: (typeof unitNotices)[number] | undefined, problems?: UnitFormProblems,
) {
  const problemsFor = (form: UnitFormProblems['form'], unitId?: string) => (problems?.form === form && problems.unitId === unitId ? problems : undefined);
  const row = (unit: UnitWithUse) => ({
    ...unit,
    rename: problemsFor('rename', unit.id),
    headcountProblems: problemsFor('headcount', unit.id),
  });
  return {
    title: `Units of ${organization.name}`,
    organization,
    activeUnits: units.filter((unit) => !unit.isArchived).map(row),
    archivedUnits: units.filter((unit) => unit.isArchived).map(row),
    notice: done ? noticeTexts[done] : undefined,
    create: problemsFor('create'),
  };
}
