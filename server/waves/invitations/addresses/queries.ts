import type { Queryable } from '../../../db/db.js';

export async function findInvitedAddresses(tx: Queryable, waveId: string): Promise<Set<string>> {
  const rows = await tx.query<{ email: string }>('SELECT email FROM personal_invitations WHERE wave_id = $1 AND email IS NOT NULL', [waveId]);
  return new Set(rows.map((row) => row.email));
}

export type UploadedAddressRow = { email: string; unitName: string };

/** The addresses one manager uploaded to a wave, for that manager's eyes only; never whether they were opened. */
export async function findAddressesUploadedBy(db: Queryable, waveId: string, accountId: string): Promise<UploadedAddressRow[]> {
  return db.query<UploadedAddressRow>(
    `SELECT p.email, u.name AS "unitName" FROM personal_invitations p JOIN units u ON u.id = p.unit_id
     WHERE p.wave_id = $1 AND p.uploaded_by = $2 AND p.email IS NOT NULL ORDER BY u.name, p.email`,
    [waveId, accountId],
  );
}

export type UnopenedAddressRow = { id: string; email: string; language: 'en' | 'es'; unitName: string };

/** Addresses whose invitation has made no token yet: the only ones a reminder goes to. */
export async function findUnopenedAddresses(tx: Queryable, waveId: string): Promise<UnopenedAddressRow[]> {
  return tx.query<UnopenedAddressRow>(
    `SELECT p.id, p.email, p.language, u.name AS "unitName" FROM personal_invitations p JOIN units u ON u.id = p.unit_id
     WHERE p.wave_id = $1 AND p.email IS NOT NULL AND p.blinded_hash IS NULL`,
    [waveId],
  );
}

export type ReminderRow = { id: string; waveId: string; sendOn: string; sentOn: string | null; recipients: number | null; linkBase: string };

const reminderColumns = `id, wave_id AS "waveId", send_on::text AS "sendOn", sent_on::text AS "sentOn", recipients, link_base AS "linkBase"`;

export async function findRemindersOfWave(db: Queryable, waveId: string): Promise<ReminderRow[]> {
  return db.query<ReminderRow>(`SELECT ${reminderColumns} FROM wave_reminders WHERE wave_id = $1 ORDER BY send_on, id`, [waveId]);
}

export async function insertReminder(tx: Queryable, reminder: { waveId: string; sendOn: string; linkBase: string }): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO wave_reminders (wave_id, send_on, link_base) VALUES ($1, $2, $3) RETURNING id',
    [reminder.waveId, reminder.sendOn, reminder.linkBase],
  );
  if (!row) throw new Error('inserting a reminder returned no row');
  return row.id;
}

/** A due reminder of an open wave, locked for its sender (another process skips it), with the wave's organization. */
export async function claimDueReminder(tx: Queryable): Promise<(ReminderRow & { organizationId: string }) | undefined> {
  const [row] = await tx.query<ReminderRow & { organizationId: string }>(
    `SELECT r.id, r.wave_id AS "waveId", r.send_on::text AS "sendOn", r.sent_on::text AS "sentOn", r.recipients, r.link_base AS "linkBase",
            w.organization_id AS "organizationId"
     FROM wave_reminders r JOIN waves w ON w.id = r.wave_id
     WHERE r.sent_on IS NULL AND r.send_on <= current_date AND w.status = 'open'
     ORDER BY r.send_on LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
  );
  return row;
}

export async function updateReminderSent(tx: Queryable, reminderId: string, recipients: number): Promise<void> {
  await tx.query('UPDATE wave_reminders SET sent_on = current_date, recipients = $2 WHERE id = $1', [reminderId, recipients]);
}

export async function deleteReminder(tx: Queryable, waveId: string, reminderId: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM wave_reminders WHERE id = $1 AND wave_id = $2 AND sent_on IS NULL RETURNING id', [reminderId, waveId]);
  return rows.length > 0;
}

/**
 * Rewrites the pages of the invitation and mail tables without the versions deleted at a close
 * or after sending, so no address stays readable in the table files (WAL keeps its own copy).
 */
export async function vacuumAddressTables(db: Queryable): Promise<void> {
  await db.query('VACUUM personal_invitations, mail_messages');
}
