import { createHash } from 'node:crypto';
import { recordAuditEvent } from '../../audit/service.js';
import type { Db, Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { hashSpentToken, hashToken } from '../../http/tokens.js';
import { forgetWaveMail } from '../../mail/service.js';
import { forgetSigningKeys, loadSigningKey, signForUnit } from '../tokens/service.js';
import {
  countInvitationsByUnit, deletePersonalInvitationsOfWave, findInvitationByTokenHash,
  findPersonalInvitationByCodeHash, insertSpentToken, type InvitationLinkRow, lockPersonalInvitation,
  type PersonalInvitationRow, type UnitInvitationCountRow, updateBlindedHash,
} from './queries.js';
import { normalizeCardCode } from './personal-code.js';

export type FoundInvitation = InvitationLinkRow & { spentHash: string };

export async function findInvitation(db: Queryable, token: string): Promise<FoundInvitation | undefined> {
  const spentHash = hashSpentToken(token);
  const row = await findInvitationByTokenHash(db, hashToken(token), spentHash);
  return row && { ...row, spentHash };
}

/**
 * Uses an invitation inside the transaction that stores its response. It adds the token's
 * spent-set hash and changes nothing else, so no row, live or dead, carries the invitation's
 * own hash next to the response's transaction id.
 */
export async function useInvitation(tx: Queryable, invitation: { spentHash: string; waveId: string }): Promise<void> {
  if (!(await insertSpentToken(tx, invitation.spentHash, invitation.waveId))) throw new AppError('link_used', linkUsedMessage);
}

export const linkUsedMessage = 'This link has already been used. Each invitation link can be used once; ask the person who sent it for a new one if you have not answered yet.';

export async function countInvitations(db: Queryable, organizationId: string): Promise<UnitInvitationCountRow[]> {
  return countInvitationsByUnit(db, organizationId);
}

/** A personal invitation (e-mailed link or printed card) by the code in its address or on its card. */
export async function findPersonalInvitation(db: Queryable, code: string): Promise<PersonalInvitationRow | undefined> {
  return findPersonalInvitationByCodeHash(db, hashToken(normalizeCardCode(code) ?? code));
}

// Short: the survey pages word it in the respondent's language (respond/messages.ts).
const alreadyIssuedMessage = 'This invitation has already been issued its one answer token.';

/**
 * Gives the invitation its one blind signature. Only a hash of the blinded message is kept (it is
 * independent of the token the browser will unblind), so a retried request with the same message
 * gets the same signature again, and any other message is refused.
 */
export async function issueBlindSignature(db: Db, invitation: PersonalInvitationRow, blindedMessage: Uint8Array): Promise<Uint8Array> {
  // Read (or made) before the lock: a new key takes a fifth of a second to generate.
  const key = await loadSigningKey(db, invitation.waveId, invitation.unitId);
  const blindedHash = createHash('sha256').update(blindedMessage).digest('hex');
  return db.transaction(async (tx) => {
    const row = await lockPersonalInvitation(tx, invitation.invitationId);
    if (!row) throw new AppError('link_unknown', 'This survey link is not valid.');
    if (row.blindedHash !== null && row.blindedHash !== blindedHash) throw new AppError('token_already_issued', alreadyIssuedMessage);
    const signature = signForUnit(key, blindedMessage);
    if (row.blindedHash === null) await updateBlindedHash(tx, invitation.invitationId, blindedHash);
    return signature;
  });
}

/**
 * When a wave closes, its addresses, cards, private keys and unsent mail are deleted in the
 * closing transaction; the audit event keeps only how many.
 */
export async function forgetWaveInvitations(tx: Queryable, wave: { id: string; organizationId: string; name: string }): Promise<void> {
  const deleted = await deletePersonalInvitationsOfWave(tx, wave.id);
  const keys = await forgetSigningKeys(tx, wave.id);
  const messages = await forgetWaveMail(tx, wave.id);
  if (deleted.addresses + deleted.cards + keys + messages === 0) return;
  await recordAuditEvent(tx, { accountId: null, organizationId: wave.organizationId, action: 'invitations.deleted_at_close', target: wave.name, details: { ...deleted, signingKeys: keys, mailMessages: messages } });
}
