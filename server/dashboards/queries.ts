import type { Queryable } from '../db/db.js';
import type { CellCountRow, ItemValueRow, ScoreBinRow } from './assemble.js';

// Every aggregate runs in the database and is grouped by (unit, role): the finest cells the
// disclosure module decides on. Larger groups are sums of these cells, added up in assemble.ts.

export async function countRespondentsByCell(db: Queryable, waveId: string): Promise<CellCountRow[]> {
  return db.query<CellCountRow>(
    `SELECT unit_id AS "unitId", role_group AS "roleGroup", count(*)::int AS n
     FROM responses WHERE wave_id = $1 GROUP BY unit_id, role_group`,
    [waveId],
  );
}

/** Subscale scores per cell and scale-point bin (bin p holds p <= score < p + 1; the top bin holds the maximum). */
export async function aggregateScoresByCell(db: Queryable, waveId: string, scaleMax: number): Promise<ScoreBinRow[]> {
  return db.query<ScoreBinRow>(
    `SELECT r.unit_id AS "unitId", r.role_group AS "roleGroup", s.key AS subscale,
            least(floor(s.value::float8), $2)::int AS bin, count(*)::int AS n,
            sum(s.value::float8)::float8 AS sum, sum(s.value::float8 * s.value::float8)::float8 AS "sumSquares"
     FROM responses r CROSS JOIN LATERAL jsonb_each_text(r.scores) AS s(key, value)
     WHERE r.wave_id = $1
     GROUP BY r.unit_id, r.role_group, s.key, least(floor(s.value::float8), $2)`,
    [waveId, scaleMax],
  );
}

/** Raw answers (before reverse coding) per cell for the given rating questions. */
export async function countItemValuesByCell(db: Queryable, waveId: string, questions: readonly string[]): Promise<ItemValueRow[]> {
  return db.query<ItemValueRow>(
    `SELECT r.unit_id AS "unitId", r.role_group AS "roleGroup", a.key AS question, a.value::int AS value, count(*)::int AS n
     FROM responses r CROSS JOIN LATERAL jsonb_each_text(r.answers) AS a(key, value)
     WHERE r.wave_id = $1 AND a.key = ANY($2::text[])
     GROUP BY r.unit_id, r.role_group, a.key, a.value`,
    [waveId, [...questions]],
  );
}

export type DriverRow = { subscale: string; n: number; r: number | null };

/** Pearson correlation of each subscale score with the outcome item, over one group's respondents. */
export async function correlateScoresWithOutcome(
  db: Queryable, waveId: string, outcome: string, group: { unitId: string | null; role: string | null },
): Promise<DriverRow[]> {
  return db.query<DriverRow>(
    `SELECT s.key AS subscale, count(*)::int AS n, corr(s.value::float8, (r.answers ->> $2)::float8) AS r
     FROM responses r CROSS JOIN LATERAL jsonb_each_text(r.scores) AS s(key, value)
     WHERE r.wave_id = $1 AND r.answers ? $2
       AND ($3::uuid IS NULL OR r.unit_id = $3::uuid) AND ($4::text IS NULL OR r.role_group = $4::text)
     GROUP BY s.key`,
    [waveId, outcome, group.unitId, group.role],
  );
}

export type CommentRow = { responseId: string; question: string; text: string };

/**
 * Up to `limit` of one group's comments in random order, minus those a manager hid. The order
 * is drawn anew on every view, so it says nothing about when a comment was written.
 */
export async function sampleVisibleComments(
  db: Queryable, waveId: string, questions: readonly string[], group: { unitId: string | null; role: string | null }, limit: number,
): Promise<CommentRow[]> {
  return db.query<CommentRow>(
    `SELECT r.id AS "responseId", q.key AS question, r.answers ->> q.key AS text
     FROM responses r CROSS JOIN unnest($2::text[]) AS q(key)
     WHERE r.wave_id = $1 AND r.answers ? q.key
       AND ($3::uuid IS NULL OR r.unit_id = $3::uuid) AND ($4::text IS NULL OR r.role_group = $4::text)
       AND NOT EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = q.key)
     ORDER BY random() LIMIT $5`,
    [waveId, [...questions], group.unitId, group.role, limit],
  );
}

/** Hides a comment of a response of this wave; false when there is none or it is already hidden. */
export async function insertHiddenComment(db: Queryable, comment: { responseId: string; waveId: string; question: string; accountId: string }): Promise<boolean> {
  const rows = await db.query<{ responseId: string }>(
    `INSERT INTO hidden_comments (response_id, question, hidden_by)
     SELECT r.id, $3, $4 FROM responses r WHERE r.id = $1 AND r.wave_id = $2 AND r.answers ? $3
     ON CONFLICT DO NOTHING RETURNING response_id AS "responseId"`,
    [comment.responseId, comment.waveId, comment.question, comment.accountId],
  );
  return rows.length > 0;
}

export async function countInvitationsByUnit(db: Queryable, waveId: string): Promise<Array<{ unitId: string; invited: number }>> {
  return db.query<{ unitId: string; invited: number }>(
    'SELECT unit_id AS "unitId", count(*)::int AS invited FROM invitations WHERE wave_id = $1 GROUP BY unit_id',
    [waveId],
  );
}
