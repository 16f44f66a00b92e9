import type { Queryable } from '../db/db.js';

export type GroupCountRow = { waveId: string; unitId: string; roleGroup: string | null; tenure: string | null; n: number };

/**
 * Responses per (wave, unit, role group, tenure band) of the organization's given waves. The
 * tenure band is read from the answers under `tenureVariable` (null: the instrument has none).
 */
export async function countResponsesByGroup(db: Queryable, organizationId: string, waveIds: readonly string[], tenureVariable: string | null): Promise<GroupCountRow[]> {
  return db.query<GroupCountRow>(
    `SELECT r.wave_id AS "waveId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            CASE WHEN $3::text IS NULL THEN NULL ELSE r.answers ->> $3::text END AS tenure, count(*)::int AS n
     FROM responses r JOIN waves w ON w.id = r.wave_id
     WHERE w.organization_id = $1 AND r.wave_id = ANY($2::uuid[])
     GROUP BY 1, 2, 3, 4`,
    [organizationId, [...waveIds], tenureVariable],
  );
}

export type ExportResponseRow = {
  id: string;
  waveId: string;
  instrumentVersionId: string;
  unitId: string;
  roleGroup: string | null;
  submissionMonth: string;
  answers: Record<string, unknown>;
  scores: Record<string, unknown>;
};

/** Keyset pagination starts below every uuid. */
export const firstResponseKey = '00000000-0000-0000-0000-000000000000';

/**
 * The next `limit` responses of the waves after `afterId`, in id order: ids are random, so the
 * order says nothing about when anyone answered. Each batch is its own short query, so no
 * transaction stays open while a client downloads (PGlite has one connection for everyone).
 * Only the month of submission leaves the database, never the day.
 */
export async function findResponseBatch(db: Queryable, organizationId: string, waveIds: readonly string[], afterId: string, limit: number): Promise<ExportResponseRow[]> {
  return db.query<ExportResponseRow>(
    `SELECT r.id, r.wave_id AS "waveId", r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId",
            r.role_group AS "roleGroup", to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth", r.answers, r.scores
     FROM responses r
     WHERE r.wave_id = ANY($2::uuid[]) AND r.id > $3::uuid
       AND r.wave_id IN (SELECT id FROM waves WHERE organization_id = $1)
     ORDER BY r.id
     LIMIT $4`,
    [organizationId, [...waveIds], afterId, limit],
  );
}

export type ScoreSumsRow = { unitId: string; roleGroup: string | null; subscale: string; n: number; sum: number; sumOfSquares: number; favorable: number };

/**
 * Per (unit, role group, subscale) of one wave: scored responses, the sum and sum of squares of
 * their scores, and how many reach `favorableAtLeast` (scoring.ts summarizeSums turns these into
 * n, mean, SD and % favorable for any group made of such cells).
 */
export async function sumScoresByGroup(db: Queryable, organizationId: string, waveId: string, favorableAtLeast: number): Promise<ScoreSumsRow[]> {
  return db.query<ScoreSumsRow>(
    `SELECT r.unit_id AS "unitId", r.role_group AS "roleGroup", s.key AS subscale, count(*)::int AS n,
            sum(s.value::float8) AS sum, sum(s.value::float8 * s.value::float8) AS "sumOfSquares",
            (count(*) FILTER (WHERE s.value::float8 >= $3))::int AS favorable
     FROM responses r JOIN waves w ON w.id = r.wave_id
       CROSS JOIN LATERAL jsonb_each_text(r.scores) AS s(key, value)
     WHERE w.organization_id = $1 AND r.wave_id = $2 AND jsonb_typeof(r.scores) = 'object'
     GROUP BY 1, 2, 3`,
    [organizationId, waveId, favorableAtLeast],
  );
}
