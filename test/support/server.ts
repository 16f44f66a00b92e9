import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.js';
import type { DatabaseKind, Db } from '../../server/db/db.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { createLogger, type Logger } from '../../server/log.js';
import { prepareDatabase, type RunningServer, startServer } from '../../server/main.js';
import { createTestDatabase, type TestDatabase, whyPostgresIsUnavailable } from './databases.js';
import { skipTier } from './tiers.js';

export type TestServer = {
  url: string;
  /** The configuration it runs with (its DATA_DIR, outbox folder). */
  config: Config;
  db: Db;
  kind: DatabaseKind;
  /** JSON log lines. */
  logs: string[];
  /** What the server showed a person on the console (one-time setup links). */
  printed: string[];
  published: PublishedInstrument[];
  /** Stops the server and starts a new one over the same database, as a process restart would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

async function boot(config: Config, log: Logger, printed: string[]): Promise<{ running: RunningServer; published: PublishedInstrument[] }> {
  const { db, published } = await prepareDatabase(config, log);
  const running = await startServer(config, log, db, { print: (text) => printed.push(text) });
  return { running, published };
}

/** Starts the real server on port 0 over a fresh database, with its log captured. */
export async function startTestServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase(kind);
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), LOG_LEVEL: 'debug',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const logs: string[] = [];
  const printed: string[] = [];
  const log = createLogger(config.logLevel, (line) => logs.push(line));
  let { running, published } = await boot(config, log, printed);
  const server: TestServer = {
    url: running.url, config, db: running.db, kind, logs, printed, published,
    async restart() {
      await running.stop();
      ({ running, published } = await boot(config, log, printed));
      Object.assign(server, { url: running.url, db: running.db, published });
    },
    async stop() {
      await running.stop().catch(() => undefined);
      await database.drop();
    },
  };
  return server;
}

/** Skips the suite by name when its database tier cannot run here. */
export async function requireDatabase(context: Mocha.Context, kind: DatabaseKind): Promise<void> {
  if (kind !== 'postgres') return;
  const reason = await whyPostgresIsUnavailable();
  if (reason) skipTier(context, 'PostgreSQL', reason);
}

/**
 * Registers hooks that start a server of `kind` before the suite (skipping its tier by name when
 * it cannot run) and stop it after; `onStart` receives it.
 */
export function useTestServer(kind: DatabaseKind, onStart: (server: TestServer) => void | Promise<void>, env: Record<string, string> = {}): void {
  let started: TestServer | undefined;
  before(async function () {
    await requireDatabase(this, kind);
    started = await startTestServer(kind, env);
    await onStart(started);
  });
  after(async () => {
    await started?.stop();
  });
}

/** Counts rows of `from` (a table with optional joins and WHERE), to assert on what was stored. */
export async function countRows(server: TestServer, from: string, params: string[] = []): Promise<number> {
  const [row] = await server.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${from}`, params);
  return row?.count ?? 0;
}

/** Reads a response body that should break off mid-stream; returns the error, or undefined when it ended cleanly. */
export async function readBrokenBody(response: Response): Promise<unknown> {
  try {
    await response.text();
    return undefined;
  } catch (error) {
    return error;
  }
}
