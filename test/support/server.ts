import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import type { DatabaseKind, Db } from '../../server/db/db.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { createLogger } from '../../server/log.js';
import { prepareDatabase, startServer } from '../../server/main.js';
import { createTestDatabase, type TestDatabase, whyPostgresIsUnavailable } from './databases.js';
import { skipTier } from './tiers.js';

export type TestServer = {
  url: string;
  db: Db;
  kind: DatabaseKind;
  logs: string[];
  published: PublishedInstrument[];
  stop(): Promise<void>;
};

export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

/** Starts the real server on port 0 over a fresh database, with its log captured. */
export async function startTestServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase(kind);
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), LOG_LEVEL: 'debug',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const logs: string[] = [];
  const log = createLogger(config.logLevel, (line) => logs.push(line));
  const { db, published } = await prepareDatabase(config, log);
  const running = await startServer(config, log, db);
  return {
    url: running.url, db, kind, logs, published,
    async stop() {
      await running.stop().catch(() => undefined);
      await database.drop();
    },
  };
}

/** Skips the suite by name when its database tier cannot run here. */
export async function requireDatabase(context: Mocha.Context, kind: DatabaseKind): Promise<void> {
  if (kind !== 'postgres') return;
  const reason = await whyPostgresIsUnavailable();
  if (reason) skipTier(context, 'PostgreSQL', reason);
}

/**
 * Registers the suite's before/after hooks: skips by name when the database tier cannot run,
 * otherwise starts one server for the suite, hands it to `onStart` and stops it afterwards.
 */
export function startServerForSuite(kind: DatabaseKind, onStart: (server: TestServer) => void): void {
  let running: TestServer | undefined;
  before(async function () {
    await requireDatabase(this, kind);
    running = await startTestServer(kind);
    onStart(running);
  });
  after(async () => {
    await running?.stop();
  });
}
