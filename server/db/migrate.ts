import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const migrationFilePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant shared by every PeerClimate process: concurrent starts queue on it.
const migrationLockKey = 727_001;

export type Migration = { version: number; name: string; sql: string };
export type MigrationStatus = { applied: number; available: number; isCurrent: boolean };

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const [index, file] of files.entries()) {
    const match = migrationFilePattern.exec(file);
    if (!match) throw new Error(`${file}: migration files are named NNNN_verb_subject.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new Error(`${file}: expected migration number ${index + 1} (no gaps)`);
    migrations.push({ version, name: file, sql: await fs.readFile(path.join(dir, file), 'utf8') });
  }
  return migrations;
}

async function ensureMigrationsTable(tx: Queryable): Promise<void> {
  await tx.execScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
}

/**
 * Applies pending migrations, each in its own transaction. The transaction-scoped advisory
 * lock makes a second process starting at the same time wait, then find the work done.
 */
export async function migrate(db: Db): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await ensureMigrationsTable(tx);
  });
  const appliedNow: number[] = [];
  for (const migration of await readMigrations()) {
    const wasApplied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const existing = await tx.query('SELECT version FROM schema_migrations WHERE version = $1', [migration.version]);
      if (existing.length > 0) return false;
      await tx.execScript(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (wasApplied) appliedNow.push(migration.version);
  }
  return appliedNow;
}

export async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const [table] = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  const [row] = table?.exists
    ? await db.query<{ applied: number }>('SELECT count(*)::int AS applied FROM schema_migrations')
    : [{ applied: 0 }];
  const available = (await readMigrations()).length;
  const applied = row?.applied ?? 0;
  return { applied, available, isCurrent: applied === available };
}
