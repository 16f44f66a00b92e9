import { randomInt } from 'node:crypto';
import type { Db, Queryable } from './db.js';

/**
 * Group commit: concurrent submissions share one transaction, so one commit (one WAL flush)
 * pays for many. Each submission is a unit of work run under its own SAVEPOINT: one that fails
 * (a replayed single-use token's unique violation, a link used twice) is rolled back and gets
 * its own error while the others commit. A caller's promise resolves only after the shared
 * COMMIT, so an acknowledged response is durable; if the COMMIT fails, every caller of that
 * batch gets the error and nothing of it was stored.
 *
 * Anonymity: a batch runs its units in a fresh random order, so the rows' physical order and
 * their subtransaction ids within a batch do not follow arrival order.
 */
export type UnitOfWork = (tx: Queryable) => Promise<void>;

type Pending = { work: UnitOfWork; resolve: () => void; reject: (error: unknown) => void };

export type GroupCommitOptions = {
  /** Most units in one transaction; a larger queue waits for the next batch. */
  maxBatch: number;
  /** Batches committing at once: while one waits for its WAL flush the next gathers and runs. */
  maxConcurrentBatches: number;
};

export type GroupCommitter = { run(work: UnitOfWork): Promise<void> };

/** Fisher-Yates with a cryptographic source: the order must not be predictable from arrival. */
export function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/** Runs the batch's units, each under a savepoint; returns the error of each unit that failed. */
async function runUnitsUnderSavepoints(tx: Queryable, batch: readonly Pending[]): Promise<Map<Pending, unknown>> {
  const failed = new Map<Pending, unknown>();
  for (const entry of batch) {
    await tx.query('SAVEPOINT group_unit');
    try {
      await entry.work(tx);
      await tx.query('RELEASE SAVEPOINT group_unit');
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT group_unit');
      await tx.query('RELEASE SAVEPOINT group_unit');
      failed.set(entry, error ?? new Error('a unit of work failed'));
    }
  }
  return failed;
}

/** Thrown to roll back a batch's first try, whose units ran without savepoints. */
class UnitFailed extends Error {}

/**
 * Each savepoint costs two more round trips per unit, and units rarely fail; so a batch first
 * runs plainly, and only when a unit fails is it rolled back and run again with savepoints.
 */
async function runBatch(db: Db, batch: readonly Pending[]): Promise<Map<Pending, unknown>> {
  try {
    await db.transaction(async (tx) => {
      for (const entry of batch) await entry.work(tx).catch(() => Promise.reject(new UnitFailed()));
    });
    return new Map();
  } catch (error) {
    if (!(error instanceof UnitFailed)) throw error;
  }
  return db.transaction((tx) => runUnitsUnderSavepoints(tx, batch));
}

export function createGroupCommitter(db: Db, options: GroupCommitOptions): GroupCommitter {
  const queue: Pending[] = [];
  let running = 0;
  const startBatch = (): void => {
    if (running >= options.maxConcurrentBatches || queue.length === 0) return;
    running += 1;
    const batch = shuffle(queue.splice(0, options.maxBatch));
    const settle = (errorOf: (entry: Pending) => unknown): void => {
      // Free the slot first, so callers woken below start a new batch rather than queue behind this one.
      running -= 1;
      for (const entry of batch) {
        const error = errorOf(entry);
        if (error === undefined) entry.resolve();
        else entry.reject(error);
      }
      startBatch();
    };
    runBatch(db, batch).then(
      (failed) => settle((entry) => failed.get(entry)),
      (error: unknown) => settle(() => error ?? new Error('the group commit failed')),
    );
  };
  return {
    run(work) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ work, resolve, reject });
        startBatch();
      });
    },
  };
}

const committers = new WeakMap<Db, GroupCommitter>();

/**
 * The database's one group committer. PGlite runs one transaction at a time in this process, so
 * one batch; PostgreSQL overlaps a few, each on its own pooled connection.
 */
export function groupCommitterFor(db: Db): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = createGroupCommitter(db, { maxBatch: 64, maxConcurrentBatches: db.kind === 'pglite' ? 1 : 8 });
    committers.set(db, committer);
  }
  return committer;
}
