import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type DatabaseKind = 'pglite' | 'postgres';
export type SqlValue = string | number | boolean | null | Date | string[] | number[];

/** What services and queries receive: a connection or an open transaction, never both. */
export type Queryable = {
  query<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations only). */
  execScript(sql: string): Promise<void>;
};

export type Db = Queryable & {
  kind: DatabaseKind;
  /** Commits when fn resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DbOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Told when PostgreSQL drops an idle pooled connection (a restart, a terminated backend). */
  onConnectionLost?: ((error: Error) => void) | undefined;
  /** PostgreSQL connections kept at most (default 10); benchmarks that play many clients raise it. */
  poolSize?: number | undefined;
};

export async function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.onConnectionLost, options.poolSize) : openPglite(options.dataDir);
}

/**
 * PostgreSQL's default 128 MB of shared buffers sits inside this process's memory; the table
 * pages also stay in the operating system's file cache, so a small pool costs little speed.
 * ANALYZE samples 300 rows per point of the statistics target, and WebAssembly memory never
 * shrinks: with the default target of 100 the sweep's VACUUM (ANALYZE) of 100,000 responses
 * left the process 86 MB larger, with 10 about 30 MB (measured); a few waves per organization
 * need no finer statistics.
 */
const pgliteSettings = ['shared_buffers=16MB', 'default_statistics_target=10'];

async function openPglite(dataDir: string): Promise<Db> {
  const dir = path.join(dataDir, 'pglite');
  await fs.mkdir(dir, { recursive: true });
  const lite = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((setting) => ['-c', setting])] });
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
    async execScript(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(lite),
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    close: () => lite.close(),
  };
}

function openPostgres(connectionString: string, onConnectionLost: (error: Error) => void = () => undefined, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // pg reports an idle connection's failure on the pool, and an unheard 'error' event would stop
  // the process; the pool has already dropped that connection and the next query opens another.
  pool.on('error', onConnectionLost);
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await target.query(sql, [...params]);
      return result.rows as Row[];
    },
    async execScript(sql: string) {
      await target.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Both drivers report PostgreSQL's SQLSTATE in `code`; 23505 is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/**
 * Another transaction wrote the same rows at the same moment: a unique violation, or (under
 * REPEATABLE READ) 40001, a serialization failure. For writes any process may make alike (the
 * sweep in every process, a close racing the sweep), the other writer's rows are as good.
 */
export function isConcurrentWrite(error: unknown): boolean {
  return isUniqueViolation(error) || (typeof error === 'object' && error !== null && 'code' in error && error.code === '40001');
}

/**
 * PGlite has no autovacuum, so without this its planner guesses row counts and sorts millions of
 * rows where a hash aggregate would do, and every count reads whole rows (an index-only scan
 * needs the visibility map VACUUM keeps). PostgreSQL's autovacuum does both itself.
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (db.kind === 'pglite') await db.execScript('VACUUM (ANALYZE)');
}
