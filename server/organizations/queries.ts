import type { Queryable } from '../db/db.js';

export type UnitRow = { id: string; organizationId: string; name: string; isArchived: boolean; headcount: number | null };

const unitColumns = 'id, organization_id AS "organizationId", name, archived_at IS NOT NULL AS "isArchived", headcount';

export async function insertOrganization(db: Queryable, organization: { name: string; isDemo: boolean }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO organizations (name, is_demo) VALUES ($1, $2) RETURNING id',
    [organization.name, organization.isDemo],
  );
  if (!row) throw new Error('insert into organizations returned no row');
  return row.id;
}

export async function insertUnit(db: Queryable, unit: { organizationId: string; name: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO units (organization_id, name) VALUES ($1, $2) RETURNING id',
    [unit.organizationId, unit.name],
  );
  if (!row) throw new Error('insert into units returned no row');
  return row.id;
}

export async function findUnitsByOrganization(db: Queryable, organizationId: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT ${unitColumns} FROM units WHERE organization_id = $1 ORDER BY name`,
    [organizationId],
  );
}

export async function countOrganizationsByDemo(db: Queryable): Promise<{ demo: number; real: number }> {
  const [row] = await db.query<{ demo: number; real: number }>(
    `SELECT count(*) FILTER (WHERE is_demo)::int AS demo, count(*) FILTER (WHERE NOT is_demo)::int AS real
     FROM organizations`,
  );
  return row ?? { demo: 0, real: 0 };
}

export async function findDemoOrganizationId(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM organizations WHERE is_demo ORDER BY created_at LIMIT 1');
  return row?.id;
}

export type OrganizationRow = { id: string; name: string };
export type OrganizationListRow = OrganizationRow & { units: number; managers: number; researchers: number };

export async function findOrganizations(db: Queryable): Promise<OrganizationListRow[]> {
  return db.query<OrganizationListRow>(
    `SELECT o.id, o.name,
            (SELECT count(*)::int FROM units u WHERE u.organization_id = o.id) AS units,
            (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id AND m.role = 'manager') AS managers,
            (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id AND m.role = 'researcher') AS researchers
     FROM organizations o
     ORDER BY lower(o.name)`,
  );
}

export async function findOrganizationById(db: Queryable, organizationId: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.query<OrganizationRow>('SELECT id, name FROM organizations WHERE id = $1', [organizationId]);
  return row;
}

export async function findUnitById(db: Queryable, organizationId: string, unitId: string): Promise<UnitRow | undefined> {
  const [row] = await db.query<UnitRow>(
    `SELECT ${unitColumns} FROM units WHERE organization_id = $1 AND id = $2`,
    [organizationId, unitId],
  );
  return row;
}

export async function updateUnitName(db: Queryable, organizationId: string, unitId: string, name: string): Promise<void> {
  await db.query('UPDATE units SET name = $3 WHERE organization_id = $1 AND id = $2', [organizationId, unitId, name]);
}

export async function updateUnitArchived(db: Queryable, organizationId: string, unitId: string, isArchived: boolean): Promise<void> {
  await db.query(
    'UPDATE units SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, now()) END WHERE organization_id = $1 AND id = $2',
    [organizationId, unitId, isArchived],
  );
}

export async function updateUnitHeadcount(db: Queryable, organizationId: string, unitId: string, headcount: number | null): Promise<void> {
  await db.query('UPDATE units SET headcount = $3 WHERE organization_id = $1 AND id = $2', [organizationId, unitId, headcount]);
}

/** Units some wave has included, linked or received answers for: these keep their history. */
export async function findUnitIdsInWaves(db: Queryable, organizationId: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM units u
     WHERE u.organization_id = $1
       AND (EXISTS (SELECT 1 FROM wave_units wu WHERE wu.unit_id = u.id)
         OR EXISTS (SELECT 1 FROM wave_links l WHERE l.unit_id = u.id)
         OR EXISTS (SELECT 1 FROM invitations i WHERE i.unit_id = u.id)
         OR EXISTS (SELECT 1 FROM responses r WHERE r.unit_id = u.id))`,
    [organizationId],
  );
  return new Set(rows.map((row) => row.id));
}

export async function deleteUnitRow(db: Queryable, organizationId: string, unitId: string): Promise<void> {
  await db.query('DELETE FROM units WHERE organization_id = $1 AND id = $2', [organizationId, unitId]);
}
