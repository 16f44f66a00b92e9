import type { Db } from '../../db/db.js';
import { shuffle } from '../../db/group-commit.js';
import {
  clusterResponseTables, findCurrentTransactionId, findResponseIdsOfDays, findUnrewrittenDays, insertRewrittenDays,
  isOlderSnapshotOpen, rewriteResponse, rewriteSpentTokens,
} from './queries.js';

const snapshotWaitMs = 250;
const snapshotWaits = 40;

/** Waits up to 10 s for snapshots older than `xid` (a running export, autovacuum) to end. */
async function waitForOlderSnapshots(db: Db, xid: string): Promise<boolean> {
  for (let attempt = 0; attempt < snapshotWaits; attempt += 1) {
    if (!(await isOlderSnapshotOpen(db, xid))) return true;
    await new Promise((resolve) => setTimeout(resolve, snapshotWaitMs));
  }
  return false;
}

export type RewriteResult = { days: number; responses: number; isComplete: boolean };

/**
 * Anonymity against the database operator: while a day is running, a response row's place in
 * the file (ctid) and its transaction id (xmin) follow submission order. Once the day is over,
 * each of its responses gets a new version in one transaction, in random order (same xmin for
 * all, command ids and out-of-line value ids in random order), and CLUSTER then copies the
 * table into a new file in random-id order, leaving no dead version behind. Ids stay the same:
 * they were random from the start, and hidden comments and export lines refer to them.
 *
 * While another session's snapshot could still see the old versions, CLUSTER would copy them
 * too: it waits a little for such snapshots, and if one stays, leaves the days unmarked so the
 * next sweep rewrites them again. `today` is the
 * database's date unless given (tests pass a later day).
 */
export async function rewriteFinishedDays(db: Db, today?: string): Promise<RewriteResult> {
  const cutoff = today ?? (await db.query<{ today: string }>('SELECT current_date::text AS today'))[0]?.today ?? '';
  const days = await findUnrewrittenDays(db, cutoff);
  if (days.length === 0) return { days: 0, responses: 0, isComplete: true };
  const { ids, xid } = await db.transaction(async (tx) => {
    const dayIds = await findResponseIdsOfDays(tx, days);
    for (const id of shuffle([...dayIds])) await rewriteResponse(tx, id);
    await rewriteSpentTokens(tx);
    return { ids: dayIds, xid: await findCurrentTransactionId(tx) };
  });
  const isComplete = await waitForOlderSnapshots(db, xid);
  await clusterResponseTables(db);
  if (isComplete) await db.transaction((tx) => insertRewrittenDays(tx, days));
  return { days: days.length, responses: ids.length, isComplete };
}
