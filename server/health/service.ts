import type { Db } from '../db/db.js';
import { type MigrationStatus, readMigrationStatus } from '../db/migrate.js';

export type Health = { status: 'ok'; database: Db['kind']; migrations: MigrationStatus };

export async function checkHealth(db: Db): Promise<Health> {
  return { status: 'ok', database: db.kind, migrations: await readMigrationStatus(db) };
}
