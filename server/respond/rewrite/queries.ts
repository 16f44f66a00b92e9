import type { Queryable } from '../../db/db.js';

/** Days before `today` (ISO dates) that hold responses and have not been rewritten yet. */
export async function findUnrewrittenDays(db: Queryable, today: string): Promise<string[]> {
  const rows = await db.query<{ day: string }>(
    `SELECT DISTINCT r.submitted_on::text AS day FROM responses r
     WHERE r.submitted_on < $1::date
       AND NOT EXISTS (SELECT 1 FROM rewritten_response_days d WHERE d.day = r.submitted_on)
     ORDER BY day`,
    [today],
  );
  return rows.map((row) => row.day);
}

export async function findResponseIdsOfDays(db: Queryable, days: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM responses WHERE submitted_on = ANY($1::date[])', [[...days]]);
  return rows.map((row) => row.id);
}

/**
 * Writes a new version of one response with the same values. `answers || '{}'` makes a new
 * value, so a long answer kept out of line (TOAST) is stored again under a new value id too,
 * instead of keeping the one it got, in submission order, when first stored.
 */
export async function rewriteResponse(tx: Queryable, id: string): Promise<void> {
  await tx.query(`UPDATE responses SET answers = answers || '{}'::jsonb WHERE id = $1`, [id]);
}

/** One statement: every spent row gets this transaction's id, so none keeps the one it shared with a response. */
export async function rewriteSpentTokens(tx: Queryable): Promise<void> {
  await tx.query('UPDATE spent_tokens SET wave_id = wave_id');
}

export async function insertRewrittenDays(tx: Queryable, days: readonly string[]): Promise<void> {
  await tx.query('INSERT INTO rewritten_response_days (day) SELECT unnest($1::date[]) ON CONFLICT (day) DO NOTHING', [[...days]]);
}

/** The 32-bit transaction id, as the `xmin` system column and `backend_xmin` show it. */
export async function findCurrentTransactionId(tx: Queryable): Promise<string> {
  const [row] = await tx.query<{ xid: string }>(`SELECT (pg_current_xact_id()::text::numeric % 4294967296)::text AS xid`);
  if (!row) throw new Error('no transaction id');
  return row.xid;
}

/**
 * Whether another session's snapshot in this database (or a replication slot) may still see
 * row versions that transaction `xid` replaced: then a rewrite of the table would copy them into
 * its new file. Sessions of other database users show no backend_xmin unless this user may read
 * all statistics.
 */
export async function isOlderSnapshotOpen(db: Queryable, xid: string): Promise<boolean> {
  const [row] = await db.query<{ isOpen: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                    WHERE pid <> pg_backend_pid() AND datname = current_database() AND backend_xmin IS NOT NULL
                      AND age(backend_xmin) >= age($1::xid))
         OR EXISTS (SELECT 1 FROM pg_replication_slots
                    WHERE xmin IS NOT NULL AND age(xmin) >= age($1::xid)) AS "isOpen"`,
    [xid],
  );
  return row?.isOpen ?? true;
}

/**
 * CLUSTER copies the live rows into a new file in primary-key order (random ids, so random
 * order), rebuilds the indexes and drops the old file with every dead version in it.
 */
export async function clusterResponseTables(db: Queryable): Promise<void> {
  await db.execScript('CLUSTER responses USING responses_pkey; CLUSTER spent_tokens USING spent_tokens_pkey;');
}
