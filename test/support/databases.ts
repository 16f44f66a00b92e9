import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseKind } from '../../server/db/db.js';

export type TestDatabase = { kind: DatabaseKind; databaseUrl: string | undefined; dataDir: string; drop(): Promise<void> };

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachability: Promise<string | undefined> | undefined;

/** Resolves to undefined when PostgreSQL answers, or to the reason it does not. */
export function whyPostgresIsUnavailable(): Promise<string | undefined> {
  reachability ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return `no PostgreSQL at ${postgresAdminUrl.replace(/\/\/[^@]*@/, '//')} (${(error as Error).message}); set TEST_DATABASE_URL`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachability;
}

async function withAdmin(fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the given kind; drop() removes it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'peerclimate-test-'));
  const removeDir = () => fs.rm(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') return { kind, databaseUrl: undefined, dataDir, drop: removeDir };
  const name = `peerclimate_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`).then(() => undefined));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined));
      await removeDir();
    },
  };
}
