import type { Queryable } from '../db/db.js';
import type { UnitRow } from '../organizations/queries.js';
import type { Distribution } from './response-rate.js';
import type { WaveStatus } from './schedule.js';

/** What a survey page needs about the link it was reached by, open link or invitation alike. */
export type SurveyLinkRow = {
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
  commentThreshold: number;
  allowCommentExport: boolean;
  instrumentVersionId: string;
  isInstrumentRetired: boolean;
};

/** Columns and joins for a SurveyLinkRow from a table aliased `l` with wave_id and unit_id. */
export const surveyLinkSelect = `SELECT w.id AS "waveId", u.id AS "unitId", u.name AS "unitName", o.name AS "organizationName",
            w.name AS "waveName", w.status, w.opens_on::text AS "opensOn", w.closes_on::text AS "closesOn",
            current_date::text AS today, w.min_group_size AS "minGroupSize", w.comment_threshold AS "commentThreshold",
            w.allow_comment_export AS "allowCommentExport",
            w.instrument_version_id AS "instrumentVersionId", iv.retired_at IS NOT NULL AS "isInstrumentRetired"`;
export const surveyLinkJoins = `JOIN waves w ON w.id = l.wave_id
     JOIN instrument_versions iv ON iv.id = w.instrument_version_id
     JOIN units u ON u.id = l.unit_id
     JOIN organizations o ON o.id = w.organization_id`;

/** An open link also carries its protections against floods and its kiosk setting. */
export type OpenLinkRow = SurveyLinkRow & { linkId: string; organizationId: string; headcount: number | null; isKiosk: boolean };

/** The day is read from the database so every process agrees on it. */
export async function findOpenLinkByCode(db: Queryable, code: string): Promise<OpenLinkRow | undefined> {
  const [row] = await db.query<OpenLinkRow>(
    `${surveyLinkSelect}, l.id AS "linkId", w.organization_id AS "organizationId", l.headcount, l.is_kiosk AS "isKiosk"
     FROM wave_links l ${surveyLinkJoins} WHERE l.code = $1`,
    [code],
  );
  return row;
}

export type NewWaveRow = {
  organizationId: string;
  instrumentVersionId: string;
  name: string;
  status: WaveStatus;
  minGroupSize: number;
  commentThreshold?: number;
  opensOn?: string | null;
  closesOn?: string | null;
  distribution?: Distribution;
  allowCommentExport?: boolean;
};

export async function insertWave(db: Queryable, wave: NewWaveRow): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO waves (organization_id, instrument_version_id, name, status, min_group_size, comment_threshold, opens_on, closes_on, distribution, allow_comment_export)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9, $10) RETURNING id`,
    [wave.organizationId, wave.instrumentVersionId, wave.name, wave.status, wave.minGroupSize, wave.commentThreshold ?? 10,
      wave.opensOn ?? null, wave.closesOn ?? null, wave.distribution ?? 'open_link', wave.allowCommentExport ?? false],
  );
  if (!row) throw new Error('insert into waves returned no row');
  return row.id;
}

export async function insertWaveLink(db: Queryable, link: { waveId: string; unitId: string; code: string }): Promise<void> {
  await db.query(
    'INSERT INTO wave_links (wave_id, unit_id, code) VALUES ($1, $2, $3) ON CONFLICT (wave_id, unit_id) DO NOTHING',
    [link.waveId, link.unitId, link.code],
  );
}

export type WaveRow = {
  id: string;
  name: string;
  createdAt: string;
  status: WaveStatus;
  opensOn: string | null;
  closesOn: string | null;
  today: string;
  minGroupSize: number;
  commentThreshold: number;
  distribution: Distribution;
  allowCommentExport: boolean;
  instrumentVersionId: string;
  instrumentKey: string;
  instrumentTitle: string;
  /** The instrument's title by language, as its file gives it (null for a definition without one). */
  instrumentTitles: Record<string, string> | null;
  instrumentVersion: number;
  audience: string;
  /** The day a result of the wave was first shown; null while nothing has been. */
  releasedOn: string | null;
};

const waveSelect = `SELECT w.id, w.name, w.created_at::text AS "createdAt", w.status, w.opens_on::text AS "opensOn", w.closes_on::text AS "closesOn",
            current_date::text AS today, w.min_group_size AS "minGroupSize", w.comment_threshold AS "commentThreshold", w.distribution,
            w.allow_comment_export AS "allowCommentExport",
            w.instrument_version_id AS "instrumentVersionId", v.instrument_key AS "instrumentKey", v.title AS "instrumentTitle",
            v.definition->'title' AS "instrumentTitles",
            v.version AS "instrumentVersion", v.audience, w.released_on::text AS "releasedOn"
     FROM waves w JOIN instrument_versions v ON v.id = w.instrument_version_id`;

export async function findWavesByOrganization(db: Queryable, organizationId: string): Promise<WaveRow[]> {
  return db.query<WaveRow>(`${waveSelect} WHERE w.organization_id = $1 ORDER BY w.created_at DESC, w.name`, [organizationId]);
}

/** Locks the row when called in a transaction, so two status changes cannot interleave. */
export async function findWaveById(db: Queryable, organizationId: string, waveId: string): Promise<WaveRow | undefined> {
  const [row] = await db.query<WaveRow>(`${waveSelect} WHERE w.organization_id = $1 AND w.id = $2 FOR UPDATE OF w`, [organizationId, waveId]);
  return row;
}

export async function updateWaveStatus(db: Queryable, organizationId: string, waveId: string, status: WaveStatus): Promise<void> {
  await db.query('UPDATE waves SET status = $3 WHERE organization_id = $1 AND id = $2', [organizationId, waveId, status]);
}

export async function updateWaveSchedule(db: Queryable, organizationId: string, waveId: string, schedule: { opensOn: string; closesOn: string }): Promise<void> {
  await db.query(
    'UPDATE waves SET opens_on = $3::date, closes_on = $4::date WHERE organization_id = $1 AND id = $2',
    [organizationId, waveId, schedule.opensOn, schedule.closesOn],
  );
}

export async function updateWaveCommentExport(db: Queryable, organizationId: string, waveId: string, isAllowed: boolean): Promise<void> {
  await db.query('UPDATE waves SET allow_comment_export = $3 WHERE organization_id = $1 AND id = $2', [organizationId, waveId, isAllowed]);
}

/** Stores 'closed' for open waves past their close date; returns them for the audit trail. */
export async function updateExpiredWavesToClosed(db: Queryable): Promise<Array<{ id: string; organizationId: string; name: string }>> {
  return db.query(
    `UPDATE waves SET status = 'closed' WHERE status = 'open' AND closes_on < current_date
     RETURNING id, organization_id AS "organizationId", name`,
  );
}

export type WaveLinkRow = { unitId: string; code: string };

export async function findWaveLinks(db: Queryable, waveId: string): Promise<WaveLinkRow[]> {
  return db.query<WaveLinkRow>('SELECT unit_id AS "unitId", code FROM wave_links WHERE wave_id = $1', [waveId]);
}

export type CellResponseCountRow = { waveId: string; unitId: string; roleGroup: string | null; n: number };

/** Responses per (wave, unit, role group): the cells the disclosure module decides on. */
export async function countResponsesByCell(db: Queryable, organizationId: string): Promise<CellResponseCountRow[]> {
  return db.query<CellResponseCountRow>(
    `SELECT r.wave_id AS "waveId", r.unit_id AS "unitId", r.role_group AS "roleGroup", count(*)::int AS n
     FROM responses r JOIN waves w ON w.id = r.wave_id
     WHERE w.organization_id = $1
     GROUP BY r.wave_id, r.unit_id, r.role_group`,
    [organizationId],
  );
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

export async function updateWaveThresholds(db: Queryable, organizationId: string, waveId: string, thresholds: { minGroupSize: number; commentThreshold: number }): Promise<void> {
  await db.query(
    'UPDATE waves SET min_group_size = $3, comment_threshold = $4 WHERE organization_id = $1 AND id = $2',
    [organizationId, waveId, thresholds.minGroupSize, thresholds.commentThreshold],
  );
}

/** Responses of each of the given waves (an index-only scan where the visibility map is current); a wave without any is absent. */
export async function countResponsesByWave(db: Queryable, waveIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ waveId: string; n: number }>(
    'SELECT wave_id AS "waveId", count(*)::int AS n FROM responses WHERE wave_id = ANY($1::uuid[]) GROUP BY wave_id',
    [[...waveIds]],
  );
  return new Map(rows.map((row) => [row.waveId, row.n]));
}

export type ClosedWaveCountRow = { organizationId: string; waveId: string; responses: number; isReleased: boolean };

/** Every wave stored as closed, oldest first, with its number of responses. */
export async function findClosedWavesWithResponseCounts(db: Queryable): Promise<ClosedWaveCountRow[]> {
  return db.query<ClosedWaveCountRow>(
    `SELECT w.organization_id AS "organizationId", w.id AS "waveId", (SELECT count(*) FROM responses r WHERE r.wave_id = w.id)::int AS responses,
            w.released_on IS NOT NULL AS "isReleased"
     FROM waves w WHERE w.status = 'closed' ORDER BY w.created_at`,
  );
}

/** Records the first day a result of the wave was shown; later calls keep that day. */
export async function updateWaveReleasedOn(db: Queryable, waveId: string): Promise<void> {
  await db.query('UPDATE waves SET released_on = current_date WHERE id = $1 AND released_on IS NULL', [waveId]);
}

export async function insertWaveUnits(db: Queryable, waveId: string, unitIds: readonly string[]): Promise<void> {
  await db.query(
    'INSERT INTO wave_units (wave_id, unit_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
    [waveId, [...unitIds]],
  );
}

/** The units taking part in a wave, by name. */
export async function findWaveUnits(db: Queryable, organizationId: string, waveId: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT u.id, u.organization_id AS "organizationId", u.name, u.archived_at IS NOT NULL AS "isArchived", u.headcount
     FROM wave_units wu JOIN units u ON u.id = wu.unit_id
     WHERE wu.wave_id = $2 AND u.organization_id = $1
     ORDER BY u.name`,
    [organizationId, waveId],
  );
}

/** Active units of the organization created after the wave and not taking part in it. */
export async function findUnitsAddedAfterWave(db: Queryable, organizationId: string, waveId: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT u.id, u.organization_id AS "organizationId", u.name, false AS "isArchived", u.headcount
     FROM units u JOIN waves w ON w.id = $2 AND w.organization_id = u.organization_id
     WHERE u.organization_id = $1 AND u.archived_at IS NULL AND u.created_at > w.created_at
       AND NOT EXISTS (SELECT 1 FROM wave_units wu WHERE wu.wave_id = w.id AND wu.unit_id = u.id)
     ORDER BY u.name`,
    [organizationId, waveId],
  );
}
