import type { Staff } from '../../accounts/roles.js';
import { recordAuditEvent } from '../../audit/service.js';
import type { Db, Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import type { LinkSettings } from '../schema.js';
import { getWave } from '../service.js';
import { findRateAlerts, findWaveLinkSettings, type LinkSettingsRow, type RateAlertRow, updateWaveLinkSettings } from './queries.js';

export type { LinkSettingsRow, RateAlertRow };

const shownAlerts = 20;

export async function getLinkSettings(db: Queryable, waveId: string): Promise<LinkSettingsRow[]> {
  return findWaveLinkSettings(db, waveId);
}

/** When an open link last hit its rate ceiling: shown on the wave page so a manager sees a flood. */
export async function listRateAlerts(db: Queryable, organizationId: string, waveId: string): Promise<RateAlertRow[]> {
  return findRateAlerts(db, organizationId, waveId, shownAlerts);
}

/**
 * Sets each unit's optional headcount and kiosk mark on its open link. A unit without an open
 * link in this wave is "not found", whatever the organization.
 */
export async function changeLinkSettings(db: Db, actor: Staff, organizationId: string, waveId: string, settings: LinkSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.distribution !== 'open_link') throw new AppError('invalid_state', 'This wave uses invitations, not open links.');
    const details: Record<string, string> = {};
    for (const [unitId, setting] of settings) {
      if ((await updateWaveLinkSettings(tx, waveId, { unitId, ...setting })) === 0) throw new AppError('not_found', 'There is no such unit link in this wave.');
      details[unitId] = `${setting.headcount === null ? 'no headcount' : `headcount ${String(setting.headcount)}`}${setting.isKiosk ? ', kiosk' : ''}`;
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.link_settings_changed', target: wave.name, details });
  });
}
