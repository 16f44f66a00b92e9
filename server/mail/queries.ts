import type { Queryable } from '../db/db.js';

export type MailKind = 'invitation' | 'reminder' | 'password_reset';

export type NewMessage = { to: string; subject: string; text: string; html: string };

export type ClaimedMessage = { id: string; batchId: string; to: string; subject: string; text: string; html: string; attempts: number };

export type MailBatchRow = {
  id: string;
  kind: MailKind;
  createdOn: string;
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  waiting: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
};

export async function insertMailBatch(
  tx: Queryable,
  batch: { organizationId: string | null; waveId: string | null; kind: MailKind; total: number },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO mail_batches (organization_id, wave_id, kind, total) VALUES ($1, $2, $3, $4) RETURNING id',
    [batch.organizationId, batch.waveId, batch.kind, batch.total],
  );
  if (!row) throw new Error('INSERT INTO mail_batches returned no row');
  return row.id;
}

/** One statement for the whole batch, so queueing a few thousand invitations is one round trip. */
export async function insertMailMessages(tx: Queryable, batchId: string, messages: readonly NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.query(
    `INSERT INTO mail_messages (batch_id, to_address, subject, text_body, html_body)
     SELECT $1, to_address, subject, text_body, html_body
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS m (to_address, subject, text_body, html_body)`,
    [batchId, messages.map((m) => m.to), messages.map((m) => m.subject), messages.map((m) => m.text), messages.map((m) => m.html)],
  );
}

/**
 * Takes the next due message for `leaseSeconds`: its next attempt moves past the lease and its
 * attempt is counted before anything is sent, in one statement. SKIP LOCKED lets processes
 * claiming at the same moment take different rows; once this commits, the row is no longer due
 * for anyone else. A process that dies mid-send leaves the row to be tried again after the lease.
 */
export async function claimDueMessage(db: Queryable, leaseSeconds: number): Promise<ClaimedMessage | undefined> {
  const [row] = await db.query<ClaimedMessage>(
    `UPDATE mail_messages SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
     WHERE id = (
       SELECT id FROM mail_messages WHERE status = 'queued' AND next_attempt_at <= now()
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     RETURNING id, batch_id AS "batchId", to_address AS "to", subject, text_body AS "text", html_body AS "html", attempts`,
    [leaseSeconds],
  );
  return row;
}

/** A sent message leaves only its count; returns its batch, or undefined when the row had gone (its wave closed meanwhile). */
export async function deleteSentMessage(tx: Queryable, messageId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ batchId: string }>('DELETE FROM mail_messages WHERE id = $1 RETURNING batch_id AS "batchId"', [messageId]);
  return row?.batchId;
}

export async function incrementBatchSent(tx: Queryable, batchId: string): Promise<void> {
  await tx.query('UPDATE mail_batches SET sent = sent + 1 WHERE id = $1', [batchId]);
}

export async function updateMessageRetry(db: Queryable, messageId: string, delaySeconds: number, error: string): Promise<void> {
  await db.query(
    "UPDATE mail_messages SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1 AND status = 'queued'",
    [messageId, delaySeconds, error],
  );
}

/** Returns the batch of a message that was still queued (a forgotten wave's message is gone). */
export async function updateMessageFailed(tx: Queryable, messageId: string, error: string): Promise<string | undefined> {
  const [row] = await tx.query<{ batchId: string }>(
    "UPDATE mail_messages SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'queued' RETURNING batch_id AS \"batchId\"",
    [messageId, error],
  );
  return row?.batchId;
}

export async function incrementBatchFailed(tx: Queryable, batchId: string, error: string): Promise<void> {
  await tx.query('UPDATE mail_batches SET failed = failed + 1, last_error = $2 WHERE id = $1', [batchId, error]);
}

export async function updateBatchLastError(db: Queryable, batchId: string, error: string): Promise<void> {
  await db.query('UPDATE mail_batches SET last_error = $2 WHERE id = $1', [batchId, error]);
}

/** Queued messages deleted before they were sent are counted as cancelled on their batch. */
export async function deleteMessagesOfWave(tx: Queryable, waveId: string): Promise<number> {
  const rows = await tx.query<{ batchId: string; count: number }>(
    `WITH deleted AS (
       DELETE FROM mail_messages m USING mail_batches b
       WHERE m.batch_id = b.id AND b.wave_id = $1
       RETURNING m.batch_id, m.status
     ), cancelled AS (
       UPDATE mail_batches b SET cancelled = b.cancelled + c.count
       FROM (SELECT batch_id, count(*)::int AS count FROM deleted WHERE status = 'queued' GROUP BY batch_id) c
       WHERE b.id = c.batch_id
     )
     SELECT batch_id AS "batchId", count(*)::int AS count FROM deleted GROUP BY batch_id`,
    [waveId],
  );
  return rows.reduce((sum, row) => sum + row.count, 0);
}

/** Closed waves that still hold message rows (closed at their close date, or by a caller that did not forget them). */
export async function findClosedWavesWithMessages(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ waveId: string }>(
    `SELECT DISTINCT b.wave_id AS "waveId" FROM mail_batches b
     JOIN waves w ON w.id = b.wave_id
     WHERE w.status = 'closed' AND EXISTS (SELECT 1 FROM mail_messages m WHERE m.batch_id = b.id)`,
  );
  return rows.map((row) => row.waveId);
}

/** Failed messages of batches without a wave (password resets), once their last attempt is `days` old. */
export async function deleteOldWavelessFailures(db: Queryable, days: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `DELETE FROM mail_messages m USING mail_batches b
     WHERE m.batch_id = b.id AND b.wave_id IS NULL AND m.status = 'failed' AND m.next_attempt_at < now() - make_interval(days => $1)
     RETURNING m.id`,
    [days],
  );
  return rows.length;
}

export async function findBatchesOfWave(db: Queryable, organizationId: string, waveId: string): Promise<MailBatchRow[]> {
  return db.query<MailBatchRow>(
    `SELECT b.id, b.kind, to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "createdOn", b.total, b.sent, b.failed, b.cancelled,
       count(m.id) FILTER (WHERE m.status = 'queued')::int AS waiting,
       min(m.next_attempt_at) FILTER (WHERE m.status = 'queued') AS "nextAttemptAt",
       b.last_error AS "lastError"
     FROM mail_batches b LEFT JOIN mail_messages m ON m.batch_id = b.id
     WHERE b.organization_id = $1 AND b.wave_id = $2
     GROUP BY b.id ORDER BY b.created_at, b.id`,
    [organizationId, waveId],
  );
}
