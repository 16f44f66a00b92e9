import type { Queryable } from '../db/db.js';
import type { WaveStatus } from './schedule.js';

export type OpenLinkRow = {
  waveId: string;
  unitId: string;
  unitName: string;
  organizationName: string;
  waveName: string;
  status: WaveStatus;
  opensOn: string | null;
  closesOn: string | null;
  today: string;
  minGroupSize: number;
  instrumentVersionId: string;
  isInstrumentRetired: boolean;
};

/** The day is read from the database so every process agrees on it. */
export async function findOpenLinkByCode(db: Queryable, code: string): Promise<OpenLinkRow | undefined> {
  const [row] = await db.query<OpenLinkRow>(
    `SELECT w.id AS "waveId", u.id AS "unitId", u.name AS "unitName", o.name AS "organizationName",
            w.name AS "waveName", w.status, w.opens_on::text AS "opensOn", w.closes_on::text AS "closesOn",
            current_date::text AS today, w.min_group_size AS "minGroupSize",
            w.instrument_version_id AS "instrumentVersionId", iv.retired_at IS NOT NULL AS "isInstrumentRetired"
     FROM wave_links l
     JOIN waves w ON w.id = l.wave_id
     JOIN instrument_versions iv ON iv.id = w.instrument_version_id
     JOIN units u ON u.id = l.unit_id
     JOIN organizations o ON o.id = w.organization_id
     WHERE l.code = $1`,
    [code],
  );
  return row;
}

export async function insertWave(
  db: Queryable,
  wave: { organizationId: string; instrumentVersionId: string; name: string; status: WaveStatus; minGroupSize: number },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO waves (organization_id, instrument_version_id, name, status, min_group_size)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [wave.organizationId, wave.instrumentVersionId, wave.name, wave.status, wave.minGroupSize],
  );
  if (!row) throw new Error('insert into waves returned no row');
  return row.id;
}

export async function insertWaveLink(db: Queryable, link: { waveId: string; unitId: string; code: string }): Promise<void> {
  await db.query('INSERT INTO wave_links (wave_id, unit_id, code) VALUES ($1, $2, $3)', [link.waveId, link.unitId, link.code]);
}

export async function updateWaveStatus(db: Queryable, waveId: string, status: WaveStatus): Promise<void> {
  await db.query('UPDATE waves SET status = $2 WHERE id = $1', [waveId, status]);
}

export type LinkListRow = { waveName: string; unitName: string; code: string };

export async function findLinksByOrganization(db: Queryable, organizationId: string): Promise<LinkListRow[]> {
  return db.query<LinkListRow>(
    `SELECT w.name AS "waveName", u.name AS "unitName", l.code
     FROM wave_links l JOIN waves w ON w.id = l.wave_id JOIN units u ON u.id = l.unit_id
     WHERE w.organization_id = $1
     ORDER BY w.name, u.name`,
    [organizationId],
  );
}
