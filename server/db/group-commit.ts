import { randomInt } from 'node:crypto';
import { memoizeByObject } from '../memo.js';
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

export type GroupCommitOptions = {
  /** Most units in one transaction; a larger queue waits for the next batch. */
  maxBatch: number;
  /** Batches committing at once: while one waits for its WAL flush the next gathers and runs. */
  maxConcurrentBatches: number;
  /**
   * Start a batch only on the event loop's next turn, so the requests read in this turn join it.
   * PGlite answers within the turn, so otherwise each of its batches would hold one item.
   */
  gathersTurn?: boolean;
};

export type GroupCommitter = Batcher<UnitOfWork, undefined>;

/** Fisher-Yates with a cryptographic source: the order must not be predictable from arrival. */
export function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/** Runs the batch's units, each under a savepoint; gives each unit's outcome. */
async function runUnitsUnderSavepoints(tx: Queryable, batch: readonly UnitOfWork[]): Promise<BatchOutcome<undefined>[]> {
  const outcomes: BatchOutcome<undefined>[] = [];
  for (const work of batch) {
    await tx.query('SAVEPOINT group_unit');
    try {
      await work(tx);
      await tx.query('RELEASE SAVEPOINT group_unit');
      outcomes.push({ ok: true, value: undefined });
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT group_unit');
      await tx.query('RELEASE SAVEPOINT group_unit');
      outcomes.push({ ok: false, error: error ?? new Error('a unit of work failed') });
    }
  }
  return outcomes;
}

/** Thrown to roll back a batch's first try, whose units ran without savepoints. */
class UnitFailed extends Error {}

/**
 * Each savepoint costs two more round trips per unit, and units rarely fail; so a batch first
 * runs plainly, and only when a unit fails is it rolled back and run again with savepoints.
 */
async function runUnits(db: Db, batch: readonly UnitOfWork[]): Promise<BatchOutcome<undefined>[]> {
  try {
    await db.transaction(async (tx) => {
      for (const work of batch) await work(tx).catch(() => Promise.reject(new UnitFailed()));
    });
    return batch.map(() => ({ ok: true, value: undefined }));
  } catch (error) {
    if (!(error instanceof UnitFailed)) throw error;
  }
  return db.transaction((tx) => runUnitsUnderSavepoints(tx, batch));
}

/** What one item of a batch came to: a value, or its own error. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type Batcher<T, R> = { run(item: T): Promise<R> };

/**
 * Queues items and hands them to `runBatch` in batches of up to `maxBatch`, each in a fresh
 * random order, with at most `maxConcurrentBatches` under way; each caller gets its own item's
 * outcome, or the batch's error if `runBatch` throws. The group committer below is one; a
 * capability whose writes fit one statement per batch makes its own (one round trip, one commit).
 */
export function createBatcher<T, R>(options: GroupCommitOptions, runBatch: (items: readonly T[]) => Promise<BatchOutcome<R>[]>): Batcher<T, R> {
  type Entry = { item: T; resolve: (value: R) => void; reject: (error: unknown) => void };
  const queue: Entry[] = [];
  let running = 0;
  let isScheduled = false;
  const scheduleBatch = (): void => {
    if (!options.gathersTurn) {
      startBatch();
      return;
    }
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(() => {
      isScheduled = false;
      do startBatch(); while (running < options.maxConcurrentBatches && queue.length > 0);
    });
  };
  const startBatch = (): void => {
    if (running >= options.maxConcurrentBatches || queue.length === 0) return;
    running += 1;
    const batch = shuffle(queue.splice(0, options.maxBatch));
    const settle = (outcomeOf: (index: number) => BatchOutcome<R>): void => {
      // Free the slot first, so callers woken below start a new batch rather than queue behind this one.
      running -= 1;
      batch.forEach((entry, index) => {
        const outcome = outcomeOf(index);
        if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
      scheduleBatch();
    };
    runBatch(batch.map((entry) => entry.item)).then(
      (outcomes) => settle((index) => outcomes[index] ?? { ok: false, error: new Error('the batch gave no outcome for an item') }),
      (error: unknown) => settle(() => ({ ok: false, error: error ?? new Error('the batch failed') })),
    );
  };
  return {
    run(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        scheduleBatch();
      });
    },
  };
}

export function createGroupCommitter(db: Db, options: GroupCommitOptions): GroupCommitter {
  return createBatcher<UnitOfWork, undefined>(options, (units) => runUnits(db, units));
}

/**
 * The database's one group committer. PGlite runs one transaction at a time in this process, so
 * one batch; PostgreSQL overlaps a few, each on its own pooled connection.
 */
export const groupCommitterFor = memoizeByObject((db: Db): GroupCommitter => createGroupCommitter(db, { maxBatch: 64, maxConcurrentBatches: db.kind === 'pglite' ? 1 : 8 }));
