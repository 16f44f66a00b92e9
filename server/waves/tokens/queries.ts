import type { Queryable } from '../../db/db.js';
import { type SurveyLinkRow, surveyLinkJoins, surveyLinkSelect } from '../queries.js';

export type SigningKeyRow = { publicKey: string; privateKey: string };

/** Stores a unit's key pair unless another process stored one first (then that one stands). */
export async function insertSigningKey(db: Queryable, key: { waveId: string; unitId: string } & SigningKeyRow): Promise<void> {
  await db.query(
    `INSERT INTO wave_signing_keys (wave_id, unit_id, public_key, private_key) VALUES ($1, $2, $3, $4)
     ON CONFLICT (wave_id, unit_id) DO NOTHING`,
    [key.waveId, key.unitId, key.publicKey, key.privateKey],
  );
}

export async function findSigningKey(db: Queryable, waveId: string, unitId: string): Promise<SigningKeyRow | undefined> {
  const [row] = await db.query<SigningKeyRow>(
    'SELECT public_key AS "publicKey", private_key AS "privateKey" FROM wave_signing_keys WHERE wave_id = $1 AND unit_id = $2',
    [waveId, unitId],
  );
  return row;
}

export type TokenTargetRow = SurveyLinkRow & { publicKey: string };

/** The wave and unit a token answers for, with the unit's public key; undefined without a key. */
export async function findTokenTarget(db: Queryable, waveId: string, unitId: string): Promise<TokenTargetRow | undefined> {
  const [row] = await db.query<TokenTargetRow>(
    `${surveyLinkSelect}, l.public_key AS "publicKey"
     FROM wave_signing_keys l ${surveyLinkJoins}
     WHERE l.wave_id = $1 AND l.unit_id = $2`,
    [waveId, unitId],
  );
  return row;
}

export async function deleteSigningKeysOfWave(db: Queryable, waveId: string): Promise<number> {
  const rows = await db.query('DELETE FROM wave_signing_keys WHERE wave_id = $1 RETURNING unit_id', [waveId]);
  return rows.length;
}
