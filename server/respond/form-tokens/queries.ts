import type { Queryable } from '../../db/db.js';

export async function insertFormToken(db: Queryable, token: { tokenHash: string; waveLinkId: string }): Promise<void> {
  await db.query('INSERT INTO form_tokens (token_hash, wave_link_id) VALUES ($1, $2)', [token.tokenHash, token.waveLinkId]);
}

export type FormTokenKey = { tokenHash: string; waveLinkId: string };

/**
 * Deletes each token that belongs to its link, in one statement (its own transaction), and
 * returns the hashes deleted (a delete leaves no live row behind).
 */
export async function deleteFormTokens(db: Queryable, tokens: readonly FormTokenKey[]): Promise<Set<string>> {
  const rows = await db.query<{ tokenHash: string }>(
    `DELETE FROM form_tokens f USING unnest($1::text[], $2::uuid[]) AS t (token_hash, wave_link_id)
     WHERE f.token_hash = t.token_hash AND f.wave_link_id = t.wave_link_id
     RETURNING f.token_hash AS "tokenHash"`,
    [tokens.map((token) => token.tokenHash), tokens.map((token) => token.waveLinkId)],
  );
  return new Set(rows.map((row) => row.tokenHash));
}

/** Tokens live at most a day, so everything issued before yesterday has expired. */
export async function deleteExpiredFormTokens(db: Queryable): Promise<number> {
  const rows = await db.query<{ tokenHash: string }>(
    `DELETE FROM form_tokens WHERE issued_on < current_date - 1 RETURNING token_hash AS "tokenHash"`,
  );
  return rows.length;
}

/**
 * Counts one more page handed out by a link in the current window (a new window starts the
 * count again) and returns the count. One statement, so concurrent pages never lose a count.
 */
export async function countIssuedInWindow(db: Queryable, waveLinkId: string, windowSeconds: number): Promise<number> {
  const [row] = await db.query<{ issued: number }>(
    `INSERT INTO link_rate_windows AS w (wave_link_id, window_start, issued)
     VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
     ON CONFLICT (wave_link_id) DO UPDATE
       SET issued = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.issued + 1 ELSE 1 END,
           window_start = EXCLUDED.window_start
     RETURNING issued`,
    [waveLinkId, windowSeconds],
  );
  return row?.issued ?? 0;
}

/** Windows that have ended hold nothing a ceiling still needs. */
export async function deleteEndedRateWindows(db: Queryable, windowSeconds: number): Promise<void> {
  await db.query(`DELETE FROM link_rate_windows WHERE window_start < now() - make_interval(secs => $1)`, [windowSeconds]);
}

/** Responses stored through the unit's link so far; the headcount check counts under a lock (service). */
export async function countUnitResponses(db: Queryable, link: { waveId: string; unitId: string }): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM responses WHERE wave_id = $1 AND unit_id = $2',
    [link.waveId, link.unitId],
  );
  return row?.n ?? 0;
}

/** A transaction-scoped advisory lock: held in memory only, never written into any row. */
export async function lockLinkForHeadcount(db: Queryable, waveLinkId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [waveLinkId]);
}
