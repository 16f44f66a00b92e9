import type { Queryable } from '../db/db.js';

export type NewResponse = {
  waveId: string;
  unitId: string;
  instrumentVersionId: string;
  roleGroup: string | null;
  language: string;
  answers: string;
  /** Subscale scores from the scoring engine, as JSON. */
  scores: string;
};

/** Anonymity rule 1: the row gets a random id and today's date, nothing about who or when within the day. */
export async function insertResponse(db: Queryable, response: NewResponse): Promise<void> {
  await db.query(
    `INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [response.waveId, response.unitId, response.instrumentVersionId, response.roleGroup, response.language, response.answers, response.scores],
  );
}

export type UnscoredResponseRow = { id: string; instrumentVersionId: string; answers: Record<string, unknown> };

/** Responses stored before scores existed carry a JSON null there (migration 0007). */
export async function findUnscoredResponses(db: Queryable, limit: number): Promise<UnscoredResponseRow[]> {
  return db.query<UnscoredResponseRow>(
    `SELECT id, instrument_version_id AS "instrumentVersionId", answers
     FROM responses WHERE scores = 'null'::jsonb LIMIT $1`,
    [limit],
  );
}

export async function updateUnscoredResponseScores(db: Queryable, id: string, scores: string): Promise<void> {
  await db.query(`UPDATE responses SET scores = $2::jsonb WHERE id = $1 AND scores = 'null'::jsonb`, [id, scores]);
}

export type BulkResponse = NewResponse & { submittedOn: string };

/**
 * Inserts many responses in one statement (demo data and benchmarks). Each row still gets a
 * random id and only a day; `submittedOn` lets synthetic past waves carry past days.
 */
export async function insertResponses(db: Queryable, responses: readonly BulkResponse[]): Promise<void> {
  if (responses.length === 0) return;
  const rows = responses.map((response) => ({
    wave_id: response.waveId, unit_id: response.unitId, instrument_version_id: response.instrumentVersionId,
    role_group: response.roleGroup, language: response.language, submitted_on: response.submittedOn,
    answers: JSON.parse(response.answers) as unknown, scores: JSON.parse(response.scores) as unknown,
  }));
  await db.query(
    `INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, submitted_on, answers, scores)
     SELECT wave_id, unit_id, instrument_version_id, role_group, language, submitted_on, answers, scores
     FROM jsonb_to_recordset($1::jsonb) AS r(wave_id uuid, unit_id uuid, instrument_version_id uuid, role_group text,
       language text, submitted_on date, answers jsonb, scores jsonb)`,
    [JSON.stringify(rows)],
  );
}
