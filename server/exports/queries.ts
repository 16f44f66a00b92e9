import type { Queryable, SqlValue } from '../db/db.js';
import type { LineFields, RenderedResponse } from './lines.js';

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

/** Which values a stored response is read with: every question (comments only when included) and every subscale, in order. */
export type BatchFields = { questions: ReadonlyArray<{ name: string; isComment: boolean }>; subscales: readonly string[]; includeComments: boolean };

const lowestId = '00000000-0000-0000-0000-000000000000';
const highestId = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * Bounds that cut the id space into slices of about `perSlice` of a wave's `count` responses:
 * ids are random uuids, evenly spread, so equal ranges of their first 32 bits hold about as many.
 * Slice i holds the ids above bounds[i] up to and including bounds[i + 1].
 */
export function sliceIdSpace(count: number, perSlice: number): string[] {
  const slices = Math.max(1, Math.ceil(count / perSlice));
  const bounds = [lowestId];
  for (let index = 1; index < slices; index += 1) bounds.push(`${Math.floor((index * 2 ** 32) / slices).toString(16).padStart(8, '0')}-ffff-ffff-ffff-ffffffffffff`);
  return [...bounds, highestId];
}

/** Adds a text parameter (a question or subscale key) and returns its placeholder. */
function textParam(params: SqlValue[]): (value: string) => string {
  return (value) => {
    params.push(value);
    return `$${String(params.length)}::text`;
  };
}

/** A comment a manager hid from the dashboard (it named someone, say) stays out of exports too. */
function commentUnlessHidden(key: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = ${key}) THEN NULL ELSE r.answers -> ${key} END`;
}

/**
 * The responses of one wave with ids above `afterId` up to `lastId`, in id order, at most
 * `limit`: ids are random, so the order says nothing about when anyone answered. Each call is its
 * own short query, so no transaction stays open while a client downloads (PGlite has one
 * connection for everyone). The id range bounds every plan: without it an unanalyzed table (PGlite
 * runs no autovacuum) may be sorted whole for each `ORDER BY id LIMIT`. Runs of number columns
 * come as text written by the database (lines.ts), one `->>` per cell, joined by '|' into one
 * value, since reading values is where an export spends its time. Only the month of submission leaves the database, never the day.
 */
export async function findResponseLines(db: Queryable, organizationId: string, waveId: string, range: { afterId: string; lastId: string; limit: number }, fields: LineFields): Promise<ExportLineRow[]> {
  const params: SqlValue[] = [organizationId, waveId, range.afterId, range.lastId, range.limit];
  const param = textParam(params);
  const tenure = fields.tenureKey === null ? 'NULL' : param(fields.tenureKey);
  const runs = fields.runs.map((run) => `concat(${run.map((cell) => `r.${cell.source} ->> ${param(cell.key)}`).join(", ',', ")})`);
  const coded = fields.coded.map(({ key, isComment }) => (isComment ? commentUnlessHidden(param(key)) : `r.answers -> ${param(key)}`));
  return db.query<ExportLineRow>(
    `SELECT r.id, r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            CASE WHEN jsonb_typeof(r.answers -> ${tenure}) IN ('string', 'number') THEN r.answers ->> ${tenure} END AS tenure,
            to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth",
            ${runs.length > 0 ? `concat(${runs.join(", '|', ")})` : "''"} AS runs, jsonb_build_array(${coded.join(', ')}) AS coded
     FROM responses r JOIN waves w ON w.id = r.wave_id AND w.organization_id = $1
     WHERE r.wave_id = $2 AND r.id > $3::uuid AND r.id <= $4::uuid
     ORDER BY r.id LIMIT $5`,
    params,
  );
}

export type ExportLineRow = RenderedResponse & { id: string };

/** One response's stored answers and scores, to name the variable whose value the fast path refused. */
export async function findStoredResponse(db: Queryable, organizationId: string, responseId: string, fields: BatchFields): Promise<ExportResponseRow | undefined> {
  const params: SqlValue[] = [organizationId, responseId];
  const param = textParam(params);
  const answers = fields.questions.map(({ name, isComment }) => {
    if (!isComment) return `r.answers -> ${param(name)}`;
    return fields.includeComments ? commentUnlessHidden(param(name)) : 'NULL';
  });
  const scores = fields.subscales.map((key) => `r.scores -> ${param(key)}`);
  const rows = await db.query<ExportResponseRow>(
    `SELECT r.id, r.instrument_version_id AS "instrumentVersionId", r.unit_id AS "unitId", r.role_group AS "roleGroup",
            to_char(r.submitted_on, 'YYYY-MM') AS "submissionMonth",
            jsonb_build_array(${answers.join(', ')}) AS answers, jsonb_build_array(${scores.join(', ')}) AS scores
     FROM responses r JOIN waves w ON w.id = r.wave_id AND w.organization_id = $1
     WHERE r.id = $2`,
    params,
  );
  return rows[0];
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
