import type { Queryable, SqlValue } from '../db/db.js';

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
  instrumentVersionId: string;
  unitId: string;
  roleGroup: string | null;
  submissionMonth: string;
  /** The answers to `questions` and the scores of `subscales`, in their order; null where absent. */
  answers: unknown[];
  scores: unknown[];
};

/** Keyset pagination starts below every uuid. */
export const firstResponseKey = '00000000-0000-0000-0000-000000000000';

/** Which values a batch carries: every question (comments only when included) and every subscale, in order. */
export type BatchFields = { questions: ReadonlyArray<{ name: string; isComment: boolean }>; subscales: readonly string[]; includeComments: boolean };

/**
 * The next `limit` responses of one wave after `afterId`, in id order: ids are random, so the
 * order says nothing about when anyone answered. Each batch is its own short query, so no
 * transaction stays open while a client downloads (PGlite has one connection for everyone).
 *
 * The batch's ids are walked one step at a time down the (wave_id, id) index (each step a
 * "next id after this one", which every planner answers from the index), so a batch costs the
 * same at the end of a 100,000-response wave as at its start, even on a table never ANALYZEd
 * (PGlite runs no autovacuum, and a plain ORDER BY id LIMIT then sorts the whole rest of the wave
 * for every batch). The rows are then fetched by id. Answers and scores come as arrays of the
 * named values, cheaper to send and parse than whole answer objects. Only the month of
 * submission leaves the database, never the day.
 */
export async function findResponseBatch(db: Queryable, organizationId: string, waveId: string, afterId: string, limit: number, fields: BatchFields): Promise<ExportResponseRow[]> {
  const params: SqlValue[] = [organizationId, waveId, afterId, limit];
  const param = (name: string): string => {
    params.push(name);
    return `$${String(params.length)}::text`;
  };
  const answers = fields.questions.map(({ name, isComment }) => {
    if (!isComment) return `r.answers -> ${param(name)}`;
    if (!fields.includeComments) return 'NULL';
    const key = param(name);
    // A comment a manager hid from the dashboard (it named someone, say) stays out of exports too.
    return `CASE WHEN EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = ${key}) THEN NULL ELSE r.answers -> ${key} END`;
  });
  const scores = fields.subscales.map((key) => `r.scores -> ${param(key)}`);
  return db.query<ExportResponseRow>(
    `WITH RECURSIVE walk(id, step) AS (
       (SELECT id, 1 FROM responses WHERE wave_id = $2 AND id > $3::uuid ORDER BY id LIMIT 1)
       UNION ALL
       SELECT (SELECT next.id FROM responses next WHERE next.wave_id = $2 AND next.id > walk.id ORDER BY next.id LIMIT 1), walk.step + 1
       FROM walk WHERE walk.id IS NOT NULL AND walk.step < $4)
     SELECT r.id, r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth",
            jsonb_build_array(${answers.join(', ')}) AS answers, jsonb_build_array(${scores.join(', ')}) AS scores
     FROM responses r JOIN waves w ON w.id = r.wave_id AND w.organization_id = $1
     WHERE r.id = ANY(ARRAY(SELECT id FROM walk WHERE id IS NOT NULL))
     ORDER BY r.id`,
    params,
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
