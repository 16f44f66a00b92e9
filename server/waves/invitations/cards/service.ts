import { randomUUID } from 'node:crypto';
import type { Staff } from '../../../accounts/roles.js';
import { recordAuditEvent } from '../../../audit/service.js';
import type { Db } from '../../../db/db.js';
import { shuffle } from '../../../db/group-commit.js';
import { AppError } from '../../../http/errors.js';
import { hashToken } from '../../../http/tokens.js';
import { getOrganization } from '../../../organizations/service.js';
import { findWaveById, findWaveUnits } from '../../queries.js';
import { displayStatus } from '../../schedule.js';
import { generateCardCode } from '../personal-code.js';
import { insertPersonalInvitations } from '../queries.js';
import type { Card } from './card-pdf.js';

export const maxCardsPerRequest = 2000;

export type PrintedCards = { waveName: string; organizationName: string; cards: Card[] };

/**
 * Makes printed cards: `counts` maps unit ids of the wave to how many. Only each code's hash is
 * stored, with its unit and nothing else, so no list says who got which card; the codes exist
 * only in the returned sheet. Within a unit the cards come in random order.
 */
export async function printCards(db: Db, actor: Staff, organizationId: string, waveId: string, counts: ReadonlyMap<string, number>): Promise<PrintedCards> {
  return db.transaction(async (tx) => {
    const wave = await findWaveById(tx, organizationId, waveId);
    if (!wave) throw new AppError('not_found', 'There is no such wave in this organization.');
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    if (total === 0) throw new AppError('invalid_input', 'counts: ask for at least one card', [{ path: 'counts', message: 'ask for at least one card' }]);
    if (total > maxCardsPerRequest) {
      throw new AppError('invalid_input', `counts: at most ${maxCardsPerRequest} cards at a time`, [{ path: 'counts', message: `at most ${maxCardsPerRequest} at a time` }]);
    }
    if (wave.distribution !== 'invitation') throw new AppError('invalid_state', 'This wave uses open links, not invitations.');
    if (displayStatus(wave, wave.today) === 'closed') throw new AppError('invalid_state', 'This wave is closed: cards can be printed while it is a draft or open.');
    const units = new Map((await findWaveUnits(tx, organizationId, waveId)).map((unit) => [unit.id, unit]));
    const cards: Card[] = [];
    const perUnit: Record<string, number> = {};
    for (const [unitId, count] of counts) {
      const unit = units.get(unitId);
      if (!unit) throw new AppError('not_found', 'There is no such unit in this wave.');
      if (count === 0) continue;
      const codes = Array.from({ length: count }, generateCardCode);
      await insertPersonalInvitations(tx, waveId, actor.accountId, codes.map((code) => ({ id: randomUUID(), unitId, codeHash: hashToken(code), email: null, language: 'en' })));
      cards.push(...shuffle(codes.map((code) => ({ unitName: unit.name, code }))));
      perUnit[unit.name] = count;
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'invitations.cards_printed', target: wave.name, details: { total, ...perUnit } });
    return { waveName: wave.name, organizationName: (await getOrganization(tx, organizationId)).name, cards };
  });
}
