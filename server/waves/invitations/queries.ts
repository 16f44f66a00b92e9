import type { Queryable } from '../../db/db.js';
import { type SurveyLinkRow, surveyLinkJoins, surveyLinkSelect } from '../queries.js';

export type InvitationLinkRow = SurveyLinkRow & { isUsed: boolean };

export async function findInvitationByTokenHash(db: Queryable, tokenHash: string): Promise<InvitationLinkRow | undefined> {
  const [row] = await db.query<InvitationLinkRow>(
    `${surveyLinkSelect},
            NOT EXISTS (SELECT 1 FROM unused_invitations n WHERE n.token_hash = l.token_hash) AS "isUsed"
     FROM invitations l ${surveyLinkJoins}
     WHERE l.token_hash = $1`,
    [tokenHash],
  );
  return row;
}

/** Issues a batch for one unit: each hash is recorded as issued and as not yet used. */
export async function insertInvitations(tx: Queryable, batch: { waveId: string; unitId: string; tokenHashes: string[] }): Promise<void> {
  await tx.query(
    'INSERT INTO invitations (token_hash, wave_id, unit_id) SELECT unnest($1::text[]), $2, $3',
    [batch.tokenHashes, batch.waveId, batch.unitId],
  );
  await tx.query('INSERT INTO unused_invitations (token_hash) SELECT unnest($1::text[])', [batch.tokenHashes]);
}

/**
 * Marks an invitation used by deleting its unused row. Only one of two simultaneous callers
 * can delete it; the other waits for the row lock, then finds nothing and is refused.
 */
export async function deleteUnusedInvitation(tx: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM unused_invitations WHERE token_hash = $1 RETURNING token_hash', [tokenHash]);
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
