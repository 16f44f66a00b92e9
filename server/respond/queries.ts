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

/** The columns of one response as jsonb_to_recordset reads them from responsesAsJson. */
const responseRecord = 'wave_id uuid, unit_id uuid, instrument_version_id uuid, role_group text, language text, answers jsonb, scores jsonb';

/**
 * Many responses as one JSON array, in their given order, for a statement that stores them all.
 * Answers and scores are JSON already and go in as they are: escaping them again into a text
 * array cost more than the rest of a submission's statement.
 */
function responsesAsJson<R extends NewResponse>(responses: readonly R[], extraFields: (response: R) => string = () => ''): string {
  const objects = responses.map((response) => `{"wave_id":${JSON.stringify(response.waveId)},"unit_id":${JSON.stringify(response.unitId)},`
    + `"instrument_version_id":${JSON.stringify(response.instrumentVersionId)},"role_group":${JSON.stringify(response.roleGroup)},`
    + `"language":${JSON.stringify(response.language)},"answers":${response.answers},"scores":${response.scores}${extraFields(response)}}`);
  return `[${objects.join(',')}]`;
}

/**
 * Inserts many responses in one statement (demo data and benchmarks). Each row still gets a
 * random id and only a day; `submittedOn` lets synthetic past waves carry past days.
 */
export async function insertResponses(db: Queryable, responses: readonly BulkResponse[]): Promise<void> {
  if (responses.length === 0) return;
  await db.query(
    `INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, submitted_on, answers, scores)
     SELECT wave_id, unit_id, instrument_version_id, role_group, language, submitted_on, answers, scores
     FROM jsonb_to_recordset($1::jsonb) AS r(${responseRecord}, submitted_on date)`,
    [responsesAsJson(responses, (response) => `,"submitted_on":${JSON.stringify(response.submittedOn)}`)],
  );
}

/**
 * Inserts responses in one statement, only those whose wave takes responses today (the rule of
 * waves/schedule.ts isAcceptingResponses, and the instrument not retired), read in the same
 * statement, so a wave closed a moment ago takes none. Returns the waves that took theirs.
 * Anonymity rule 1: each row gets a random id and today's date only.
 */
export async function insertAcceptedResponses(db: Queryable, responses: readonly NewResponse[]): Promise<Set<string>> {
  const rows = await db.query<{ waveId: string }>(
    `WITH incoming AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${responseRecord})
     ), accepting AS (
       SELECT w.id FROM waves w JOIN instrument_versions iv ON iv.id = w.instrument_version_id
       WHERE w.id IN (SELECT wave_id FROM incoming) AND w.status = 'open' AND iv.retired_at IS NULL
         AND (w.opens_on IS NULL OR w.opens_on <= current_date) AND (w.closes_on IS NULL OR w.closes_on >= current_date)
     ), stored AS (
       INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, answers, scores)
       SELECT wave_id, unit_id, instrument_version_id, role_group, language, answers, scores
       FROM incoming WHERE wave_id IN (SELECT id FROM accepting)
     )
     SELECT id AS "waveId" FROM accepting`,
    [responsesAsJson(responses)],
  );
  return new Set(rows.map((row) => row.waveId));
}
