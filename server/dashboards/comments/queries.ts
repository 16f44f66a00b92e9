import type { Queryable } from '../../db/db.js';

export type CommentRow = { responseId: string; question: string; text: string };

/**
 * Up to `limit` of one group's comments in random order, minus those a manager hid. Response ids
 * are random (v4), so the comments whose ids follow a random point, wrapping round at the end,
 * are a random sample, read from the (wave_id, id) index in a few milliseconds where ordering
 * the whole wave by random() would read every answer. Sample and order are drawn anew on every
 * view, so they say nothing about when a comment was written.
 */
export async function sampleVisibleComments(
  db: Queryable, waveId: string, questions: readonly string[], group: { unitId: string | null; role: string | null }, limit: number,
): Promise<CommentRow[]> {
  const commentsFrom = (side: '>=' | '<') => `
    SELECT r.id AS "responseId", q.key AS question, r.answers ->> q.key AS text
    FROM responses r CROSS JOIN unnest($2::text[]) AS q(key)
    WHERE r.wave_id = $1 AND r.id ${side} (SELECT id FROM start) AND r.answers ? q.key
      AND ($3::uuid IS NULL OR r.unit_id = $3::uuid) AND ($4::text IS NULL OR r.role_group = $4::text)
      AND NOT EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = q.key)
    ORDER BY r.id LIMIT $5`;
  return db.query<CommentRow>(
    `WITH start AS (SELECT gen_random_uuid() AS id),
       sampled AS ((${commentsFrom('>=')}) UNION ALL (${commentsFrom('<')}))
     SELECT "responseId", question, text FROM (SELECT "responseId", question, text FROM sampled LIMIT $5) AS sample ORDER BY random()`,
    [waveId, [...questions], group.unitId, group.role, limit],
  );
}

/** The text of one comment of a response of this wave, and whether a manager hid it; undefined when there is none. */
export async function findComment(db: Queryable, comment: { responseId: string; waveId: string; question: string }): Promise<{ text: string; isHidden: boolean } | undefined> {
  const [row] = await db.query<{ text: string; isHidden: boolean }>(
    `SELECT r.answers ->> $3::text AS text,
            EXISTS (SELECT 1 FROM hidden_comments h WHERE h.response_id = r.id AND h.question = $3::text) AS "isHidden"
     FROM responses r WHERE r.id = $1 AND r.wave_id = $2 AND r.answers ? $3::text`,
    [comment.responseId, comment.waveId, comment.question],
  );
  return row;
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

/** Shows a hidden comment of a response of this wave again; false when it was not hidden. */
export async function deleteHiddenComment(db: Queryable, comment: { responseId: string; waveId: string; question: string }): Promise<boolean> {
  const rows = await db.query<{ responseId: string }>(
    `DELETE FROM hidden_comments h USING responses r
     WHERE h.response_id = $1 AND h.question = $3 AND r.id = h.response_id AND r.wave_id = $2
     RETURNING h.response_id AS "responseId"`,
    [comment.responseId, comment.waveId, comment.question],
  );
  return rows.length > 0;
}
