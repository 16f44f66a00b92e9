/** Shared by the command-line scripts: the configured database, ready to use, and one exit path. */
import { loadConfig } from '../server/config.js';
import type { Db } from '../server/db/db.js';
import { AppError } from '../server/http/errors.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase } from '../server/main.js';

/** Opens, migrates and publishes exactly as the server does at start, so scripts see the same data. */
export async function openConfiguredDatabase(): Promise<Db> {
  const config = loadConfig();
  return (await prepareDatabase(config, createLogger('warn'))).db;
}

/** Prints the script's result, or its refusal (an AppError's message) with exit code 1. */
export async function runScript(run: () => Promise<string>): Promise<void> {
  try {
    process.stdout.write(`${await run()}\n`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
