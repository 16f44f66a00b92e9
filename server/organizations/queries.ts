import type { Queryable } from '../db/db.js';

export type UnitRow = { id: string; organizationId: string; name: string };

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

export async function findOrganizationById(db: Queryable, id: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id = $1', [id]);
  return row;
}

export async function findUnitsByOrganization(db: Queryable, organizationId: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    'SELECT id, organization_id AS "organizationId", name FROM units WHERE organization_id = $1 ORDER BY name',
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
