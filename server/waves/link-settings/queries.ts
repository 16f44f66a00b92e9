import type { Queryable } from '../../db/db.js';

export type LinkSettingsRow = { unitId: string; headcount: number | null; isKiosk: boolean };

export async function findWaveLinkSettings(db: Queryable, waveId: string): Promise<LinkSettingsRow[]> {
  return db.query<LinkSettingsRow>('SELECT unit_id AS "unitId", headcount, is_kiosk AS "isKiosk" FROM wave_links WHERE wave_id = $1', [waveId]);
}

export async function updateWaveLinkSettings(db: Queryable, waveId: string, settings: LinkSettingsRow): Promise<number> {
  const rows = await db.query<{ unitId: string }>(
    'UPDATE wave_links SET headcount = $3, is_kiosk = $4 WHERE wave_id = $1 AND unit_id = $2 RETURNING unit_id AS "unitId"',
    [waveId, settings.unitId, settings.headcount, settings.isKiosk],
  );
  return rows.length;
}

export type RateAlertRow = { unitName: string; ceiling: number; occurredAt: string };

/** The rate-ceiling alerts of one wave, newest first (written by the respond capability through the audit log). */
export async function findRateAlerts(db: Queryable, organizationId: string, waveId: string, limit: number): Promise<RateAlertRow[]> {
  return db.query<RateAlertRow>(
    `SELECT details->>'unit' AS "unitName", (details->>'ceiling')::int AS ceiling, to_char(occurred_at, 'YYYY-MM-DD HH24:MI') AS "occurredAt"
     FROM audit_events
     WHERE organization_id = $1 AND action = 'link.rate_ceiling_reached' AND details->>'waveId' = $2
     ORDER BY occurred_at DESC LIMIT $3`,
    [organizationId, waveId, limit],
  );
}
