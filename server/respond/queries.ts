import type { Queryable } from '../db/db.js';

export type NewResponse = {
  waveId: string;
  unitId: string;
  instrumentVersionId: string;
  roleGroup: string | null;
  language: string;
  answers: string;
};

/** Anonymity rule 1: the row gets a random id and today's date, nothing about who or when within the day. */
export async function insertResponse(db: Queryable, response: NewResponse): Promise<void> {
  await db.query(
    `INSERT INTO responses (wave_id, unit_id, instrument_version_id, role_group, language, answers)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [response.waveId, response.unitId, response.instrumentVersionId, response.roleGroup, response.language, response.answers],
  );
}
