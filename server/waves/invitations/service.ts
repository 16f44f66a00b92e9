import type { Staff } from '../../accounts/roles.js';
import { recordAuditEvent } from '../../audit/service.js';
import type { Db, Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { generateToken, hashSpentToken, hashToken } from '../../http/tokens.js';
import { findWaveById, findWaveUnits } from '../queries.js';
import { displayStatus } from '../schedule.js';
import type { InvitationLine } from './invitation-csv.js';
import {
  countInvitationsByUnit, findInvitationByTokenHash, insertInvitations, insertSpentToken, type InvitationLinkRow,
  type UnitInvitationCountRow,
} from './queries.js';

export const maxInvitationsPerRequest = 5000;

export type IssuedInvitations = { waveName: string; tokens: Array<{ unitName: string; token: string }> };

/**
 * Issues single-use invitations: `counts` maps unit ids of this organization to how many.
 * Tokens are 128 random bits; only their SHA-256 is stored, and the tokens are returned once,
 * for the download. Nothing records who receives which link.
 */
export async function issueInvitations(db: Db, actor: Staff, organizationId: string, waveId: string, counts: ReadonlyMap<string, number>): Promise<IssuedInvitations> {
  return db.transaction(async (tx) => {
    // The wave is looked up first, so another organization's wave is "not found" whatever the counts.
    const wave = await findWaveById(tx, organizationId, waveId);
    if (!wave) throw new AppError('not_found', 'There is no such wave in this organization.');
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    if (total === 0) throw new AppError('invalid_input', 'counts: ask for at least one invitation', [{ path: 'counts', message: 'ask for at least one invitation' }]);
    if (total > maxInvitationsPerRequest) {
      throw new AppError('invalid_input', `counts: at most ${maxInvitationsPerRequest} invitations at a time`, [{ path: 'counts', message: `at most ${maxInvitationsPerRequest} at a time` }]);
    }
    if (wave.distribution !== 'invitation') throw new AppError('invalid_state', 'This wave uses open links, not invitations.');
    if (displayStatus(wave, wave.today) === 'closed') throw new AppError('invalid_state', 'This wave is closed. Reopen it before issuing invitations.');
    const units = new Map((await findWaveUnits(tx, organizationId, waveId)).map((unit) => [unit.id, unit]));
    const tokens: IssuedInvitations['tokens'] = [];
    const perUnit: Record<string, number> = {};
    for (const [unitId, count] of counts) {
      const unit = units.get(unitId);
      if (!unit) throw new AppError('not_found', 'There is no such unit in this organization.');
      if (count === 0) continue;
      const unitTokens = Array.from({ length: count }, () => generateToken(16));
      await insertInvitations(tx, { waveId, unitId, tokenHashes: unitTokens.map(hashToken) });
      tokens.push(...unitTokens.map((token) => ({ unitName: unit.name, token })));
      perUnit[unit.name] = count;
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'invitations.issued', target: wave.name, details: { total, ...perUnit } });
    return { waveName: wave.name, tokens };
  });
}

/** Lines for the CSV: full links under `baseUrl`. */
export function toInvitationLines(issued: IssuedInvitations, baseUrl: string): InvitationLine[] {
  return issued.tokens.map(({ unitName, token }) => ({ unitName, link: `${baseUrl}/s/${token}` }));
}

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
