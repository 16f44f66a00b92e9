import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/db.js';
import type { PublishedInstrument } from '../../server/instruments/service.js';
import { createLogger } from '../../server/log.js';
import { prepareDatabase } from '../../server/main.js';
import type { TestDatabase } from './databases.js';

/** A server in a process of its own, as `npm run dev` runs it, with what it wrote kept apart. */
export type ChildServer = {
  url: string;
  child: ChildProcess;
  /** JSON log lines (stdout). */
  stdout: string[];
  /** Everything written to stderr. */
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
};

/** The environment that points a server at a test database. */
export function databaseEnv(database: TestDatabase): Record<string, string> {
  return database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: database.dataDir };
}

/** Migrates and publishes instruments in-process, then runs `use` on the database before closing it (PGlite takes one process at a time). */
export async function withPreparedDatabase<T>(database: TestDatabase, use: (db: Db, published: PublishedInstrument[]) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...databaseEnv(database), SURVEYS_DIR: path.resolve('surveys'), LOG_LEVEL: 'error' });
  const { db, published } = await prepareDatabase(config, createLogger('error', () => undefined));
  try {
    return await use(db, published);
  } finally {
    await db.close();
  }
}

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SURVEYS_DIR: path.resolve('surveys'), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let stderr = '';
  let pending = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const parsed = JSON.parse(line) as { message?: string; url?: string };
        if (parsed.message === 'listening' && parsed.url) resolve(parsed.url);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    void exited.then((code) => reject(new Error(`server exited with ${String(code)} before listening: ${stderr}`)));
  });
  return { url, child, stdout, stderr: () => stderr, exited };
}
