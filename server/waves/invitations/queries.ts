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

export type UnitInvitationCountRow = { waveId: string; unitId: string; invited: number; opened: number };

/**
 * Per wave and unit: invitations handed out (single-use links of earlier waves and personal
 * invitations) and how many personal invitations have been opened, that is, issued a token.
 */
export async function countInvitationsByUnit(db: Queryable, organizationId: string): Promise<UnitInvitationCountRow[]> {
  return db.query<UnitInvitationCountRow>(
    `SELECT c.wave_id AS "waveId", c.unit_id AS "unitId", sum(c.invited)::int AS invited, sum(c.opened)::int AS opened
     FROM (SELECT wave_id, unit_id, count(*) AS invited, 0 AS opened FROM invitations GROUP BY wave_id, unit_id
           UNION ALL
           SELECT wave_id, unit_id, count(*), count(blinded_hash) FROM personal_invitations GROUP BY wave_id, unit_id) c
     JOIN waves w ON w.id = c.wave_id
     WHERE w.organization_id = $1
     GROUP BY c.wave_id, c.unit_id`,
    [organizationId],
  );
}

export type NewPersonalInvitation = { id: string; unitId: string; codeHash: string; email: string | null; language: string };

/** Adds addresses or cards of one wave; `uploadedBy` alone may see the addresses again. */
export async function insertPersonalInvitations(tx: Queryable, waveId: string, uploadedBy: string | null, rows: readonly NewPersonalInvitation[]): Promise<void> {
  await tx.query(
    `INSERT INTO personal_invitations (id, wave_id, unit_id, code_hash, email, language, uploaded_by)
     SELECT id, $1, unit_id, code_hash, NULLIF(email, ''), language, $2
     FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS t (id, unit_id, code_hash, email, language)`,
    [waveId, uploadedBy, rows.map((row) => row.id), rows.map((row) => row.unitId), rows.map((row) => row.codeHash),
      // A card has no address: '' travels through text[] and is stored as NULL.
      rows.map((row) => row.email ?? ''), rows.map((row) => row.language)],
  );
}

export type PersonalInvitationRow = SurveyLinkRow & { invitationId: string };

export async function findPersonalInvitationByCodeHash(db: Queryable, codeHash: string): Promise<PersonalInvitationRow | undefined> {
  const [row] = await db.query<PersonalInvitationRow>(
    `${surveyLinkSelect}, l.id AS "invitationId"
     FROM personal_invitations l ${surveyLinkJoins}
     WHERE l.code_hash = $1`,
    [codeHash],
  );
  return row;
}

/** Locks the invitation for its issuance; `blindedHash` is null until a token was issued. */
export async function lockPersonalInvitation(tx: Queryable, invitationId: string): Promise<{ blindedHash: string | null } | undefined> {
  const [row] = await tx.query<{ blindedHash: string | null }>(
    'SELECT blinded_hash AS "blindedHash" FROM personal_invitations WHERE id = $1 FOR UPDATE',
    [invitationId],
  );
  return row;
}

export async function updateBlindedHash(tx: Queryable, invitationId: string, blindedHash: string): Promise<void> {
  await tx.query('UPDATE personal_invitations SET blinded_hash = $2 WHERE id = $1', [invitationId, blindedHash]);
}

/**
 * Deletes a wave's personal invitations (addresses included), first keeping how many each unit
 * had on its wave_units row; counts what went, by kind.
 */
export async function deletePersonalInvitationsOfWave(tx: Queryable, waveId: string): Promise<{ addresses: number; cards: number }> {
  await tx.query(
    `UPDATE wave_units wu SET invited = c.invited
     FROM (SELECT unit_id, count(*)::int AS invited FROM personal_invitations WHERE wave_id = $1 GROUP BY unit_id) c
     WHERE wu.wave_id = $1 AND wu.unit_id = c.unit_id`,
    [waveId],
  );
  const rows = await tx.query<{ hasAddress: boolean }>('DELETE FROM personal_invitations WHERE wave_id = $1 RETURNING email IS NOT NULL AS "hasAddress"', [waveId]);
  const addresses = rows.filter((row) => row.hasAddress).length;
  return { addresses, cards: rows.length - addresses };
}
