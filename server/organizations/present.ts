import type { OrganizationListRow, OrganizationRow, UnitRow } from './queries.js';

export function presentAdminHome(organizations: readonly OrganizationListRow[]) {
  return { title: 'Platform admin', organizations };
}

const unitNotices = { created: 'The unit was added.', renamed: 'The unit was renamed.' } as const;

export function presentUnitsPage(organization: OrganizationRow, units: readonly UnitRow[], done: keyof typeof unitNotices | undefined) {
  return { title: `Units of ${organization.name}`, organization, units, notice: done ? unitNotices[done] : undefined };
}
