import type { Queryable } from '../db/db.js';
import { countOrganizationsByDemo, findDemoOrganizationId, findOrganizationById, findUnitsByOrganization, insertOrganization, insertUnit, type UnitRow } from './queries.js';

export type NewOrganization = { name: string; isDemo: boolean; unitNames: string[] };

/** Creates an organization with its units; callers pass a transaction so it lands whole. */
export async function createOrganizationWithUnits(tx: Queryable, organization: NewOrganization): Promise<{ organizationId: string; units: UnitRow[] }> {
  const organizationId = await insertOrganization(tx, organization);
  for (const name of organization.unitNames) await insertUnit(tx, { organizationId, name });
  return { organizationId, units: await findUnitsByOrganization(tx, organizationId) };
}

export async function countOrganizations(db: Queryable): Promise<{ demo: number; real: number }> {
  return countOrganizationsByDemo(db);
}

export async function findDemoOrganization(db: Queryable): Promise<string | undefined> {
  return findDemoOrganizationId(db);
}

export async function findOrganization(db: Queryable, organizationId: string): Promise<{ id: string; name: string } | undefined> {
  return findOrganizationById(db, organizationId);
}
