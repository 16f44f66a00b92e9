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

/**
 * Inserts responses in one statement, only those whose wave takes responses today (the rule of
 * waves/schedule.ts isAcceptingResponses, and the instrument not retired), read in the same
 * statement, so a wave closed a moment ago takes none. Returns the waves that took theirs.
 * Anonymity rule 1: each row gets a random id and today's date only.
 */
export async function insertAcceptedResponses(db: Queryable, responses: readonly NewResponse[]): Promise<Set<string>> {
  const column = <K extends keyof NewResponse>(key: K): NewResponse[K][] => responses.map((response) => response[key]);
  const rows = await db.query<{ waveId: string }>(
    `WITH accepting AS (
       SELECT w.id FROM waves w JOIN instrument_versions iv ON iv.id = w.instrument_version_id
       WHERE w.id = ANY($1::uuid[]) AND w.status = 'open' AND iv.retired_at IS NULL
         AND (w.opens_on IS NULL OR w.opens_on <= current_date) AND (w.closes_on IS NULL OR w.closes_on >= current_date)
     ), stored AS (
       INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
       SELECT r.wave_id, r.unit_id, r.instrument_version_id, r.role_group, r.language, r.answers::jsonb, r.scores::jsonb
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS r (wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
       WHERE r.wave_id IN (SELECT id FROM accepting)
     )
     SELECT id AS "waveId" FROM accepting`,
    [column('waveId'), column('unitId'), column('instrumentVersionId'), column('roleGroup'), column('language'), column('answers'), column('scores')],
  );
  return new Set(rows.map((row) => row.waveId));
}
