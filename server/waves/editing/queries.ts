import type { Queryable } from '../../db/db.js';

export async function updateWaveName(db: Queryable, organizationId: string, waveId: string, name: string): Promise<void> {
  await db.query('UPDATE waves SET name = $3 WHERE organization_id = $1 AND id = $2', [organizationId, waveId, name]);
}

/** Removes the units not in `keptUnitIds` from a wave, with their open links. */
export async function deleteWaveUnitsExcept(db: Queryable, waveId: string, keptUnitIds: readonly string[]): Promise<void> {
  await db.query('DELETE FROM wave_links WHERE wave_id = $1 AND NOT (unit_id = ANY($2::uuid[]))', [waveId, [...keptUnitIds]]);
  await db.query('DELETE FROM wave_units WHERE wave_id = $1 AND NOT (unit_id = ANY($2::uuid[]))', [waveId, [...keptUnitIds]]);
}

/** Units of the wave outside `keptUnitIds` that already hold invitations. */
export async function findInvitedUnitNamesExcept(db: Queryable, waveId: string, keptUnitIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT DISTINCT u.name FROM invitations i JOIN units u ON u.id = i.unit_id
     WHERE i.wave_id = $1 AND NOT (i.unit_id = ANY($2::uuid[])) ORDER BY u.name`,
    [waveId, [...keptUnitIds]],
  );
  return rows.map((row) => row.name);
}

/** Deletes a wave with its units, links and invitations (the foreign keys cascade). */
export async function deleteWaveRow(db: Queryable, organizationId: string, waveId: string): Promise<void> {
  await db.query('DELETE FROM waves WHERE organization_id = $1 AND id = $2', [organizationId, waveId]);
}
