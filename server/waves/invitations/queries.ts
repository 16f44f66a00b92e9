import type { Queryable } from '../../db/db.js';
import { type SurveyLinkRow, surveyLinkJoins, surveyLinkSelect } from '../queries.js';

export type InvitationLinkRow = SurveyLinkRow & { isUsed: boolean };

/**
 * `spentHash` is the token's spent-set hash; invitations used before the spent set existed are
 * spent under their own hash (migration copy_used_invitations_to_spent_tokens).
 */
export async function findInvitationByTokenHash(db: Queryable, tokenHash: string, spentHash: string): Promise<InvitationLinkRow | undefined> {
  const [row] = await db.query<InvitationLinkRow>(
    `${surveyLinkSelect},
            EXISTS (SELECT 1 FROM spent_tokens s WHERE s.token_hash IN ($1, $2)) AS "isUsed"
     FROM invitations l ${surveyLinkJoins}
     WHERE l.token_hash = $1`,
    [tokenHash, spentHash],
  );
  return row;
}

/** Issues a batch for one unit. Nothing else is written, now or when an invitation is used. */
export async function insertInvitations(tx: Queryable, batch: { waveId: string; unitId: string; tokenHashes: string[] }): Promise<void> {
  await tx.query(
    'INSERT INTO invitations (token_hash, wave_id, unit_id) SELECT unnest($1::text[]), $2, $3',
    [batch.tokenHashes, batch.waveId, batch.unitId],
  );
}

/**
 * Adds a token to the spent set; false when it is there already. Of two simultaneous callers,
 * the second waits on the first's uncommitted key, then finds it taken (or, after a rollback, free).
 */
export async function insertSpentToken(tx: Queryable, spentHash: string, waveId: string): Promise<boolean> {
  const rows = await tx.query(
    'INSERT INTO spent_tokens (token_hash, wave_id) VALUES ($1, $2) ON CONFLICT (token_hash) DO NOTHING RETURNING token_hash',
    [spentHash, waveId],
  );
  return rows.length > 0;
}

export type UnitInvitationCountRow = { waveId: string; unitId: string; invited: number };

export async function countInvitationsByUnit(db: Queryable, organizationId: string): Promise<UnitInvitationCountRow[]> {
  return db.query<UnitInvitationCountRow>(
    `SELECT i.wave_id AS "waveId", i.unit_id AS "unitId", count(*)::int AS invited
     FROM invitations i JOIN waves w ON w.id = i.wave_id
     WHERE w.organization_id = $1
     GROUP BY i.wave_id, i.unit_id`,
    [organizationId],
  );
}
