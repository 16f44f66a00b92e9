import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createSetupLinkIfNoAccounts, pruneExpiredCredentials } from './accounts/service.js';
import { createApp } from './app.js';
import { prepareAssets } from './assets/service.js';
import { type Config, loadConfig } from './config.js';
import { summarizeClosedWaves } from './dashboards/service.js';
import { type Db, openDb, refreshPlannerStatistics } from './db/db.js';
import { migrate } from './db/migrate.js';
import { prepareServerKeys } from './db/server-keys.js';
import { type DrainResult, trackConnections } from './http/drain.js';
import { prepareClosedWaveExports } from './exports/service.js';
import { type PublishedInstrument, publishInstrumentFiles } from './instruments/service.js';
import { createLogger, type Logger } from './log.js';
import { createMailer, pruneMail, pruneOutbox, startMailDelivery } from './mail/service.js';
import { pruneFormTokens } from './respond/form-tokens/service.js';
import { rewriteFinishedDays } from './respond/rewrite/service.js';
import { scoreStoredResponses } from './respond/service.js';
import { purgeDeletedAddresses, sendDueReminders } from './waves/invitations/addresses/service.js';
import { closeExpiredWaves } from './waves/service.js';

/** `stop()` resolves with how many requests under way were cut at the deadline (normally none). */
export type RunningServer = { db: Db; server: Server; url: string; stop(): Promise<DrainResult> };
/**
 * `print` shows a person one-time links; they never go to the log, which may be kept and shipped.
 * By default they go to stderr, apart from the JSON log lines on stdout.
 */
export type StartOptions = { print?: (text: string) => void };

const sweepEveryMs = 60 * 60 * 1000;

async function runLogged(log: Logger, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    log.error(`${what} failed`, { stack: error instanceof Error ? (error.stack ?? error.message) : 'non-error thrown' });
  }
}

/**
 * Housekeeping every process runs at start and hourly (each step is idempotent, so several
 * processes may overlap): stores 'closed' for waves past their close date, deletes expired
 * sessions, one-time links, old sign-in attempts, expired form tokens and ended rate windows,
 * the mail of closed waves and its outbox files (server/mail/); queues the reminders due today and vacuums the tables
 * that held deleted addresses (server/waves/invitations/addresses/); refreshes PGlite's planner statistics;
 * rewrites the responses of days that are over in random order (server/respond/rewrite/);
 * then computes the dashboard aggregates and export lines of closed waves that lack current
 * ones. That last part can take seconds for a large wave, and a failure in it must not keep the
 * housekeeping from running, so it comes after, in its own step.
 */
export async function sweep(db: Db, log: Logger, outboxDir: string): Promise<void> {
  await runLogged(log, 'sweep', async () => {
    const closed = await closeExpiredWaves(db);
    await pruneExpiredCredentials(db);
    await pruneFormTokens(db);
    const reminded = await sendDueReminders(db);
    const forgotten = (await pruneMail(db)) + (await pruneOutbox(db, outboxDir));
    await purgeDeletedAddresses(db);
    await refreshPlannerStatistics(db);
    if (closed > 0) log.info('waves closed at their close date', { count: closed });
    if (reminded > 0) log.info('scheduled reminders queued', { count: reminded });
    if (forgotten > 0) log.info('mail of closed waves and old failures deleted', { count: forgotten });
  });
  await runLogged(log, 'rewriting finished days', async () => {
    const rewritten = await rewriteFinishedDays(db);
    if (rewritten.days > 0) log.info('finished days rewritten in random order', rewritten);
  });
  await runLogged(log, 'deriving closed waves', async () => {
    const summarized = await summarizeClosedWaves(db);
    const prepared = await prepareClosedWaveExports(db);
    if (summarized > 0) log.info('closed waves summarized for their dashboards', { count: summarized });
    if (prepared > 0) log.info('closed waves prepared for export', { count: prepared });
  });
}

/**
 * Opens and migrates the database, makes the shared server keys, publishes the instruments in
 * SURVEYS_DIR and scores any response stored before scores were kept.
 */
export async function prepareDatabase(config: Config, log: Logger): Promise<{ db: Db; published: PublishedInstrument[] }> {
  const db = await openDb({ ...config, onConnectionLost: (error) => log.warn('database connection lost', { message: error.message }) });
  const applied = await migrate(db);
  if (applied.length > 0) log.info('migrations applied', { versions: applied.join(',') });
  await prepareServerKeys(db);
  const published = await publishInstrumentFiles(db, config.surveysDir);
  log.info('instruments ready', { count: published.length });
  const rescored = await scoreStoredResponses(db);
  if (rescored > 0) log.info('stored responses scored', { count: rescored });
  return { db, published };
}

export async function startServer(config: Config, log: Logger, db?: Db, options: StartOptions = {}): Promise<RunningServer> {
  const database = db ?? (await prepareDatabase(config, log)).db;
  const print = options.print ?? ((text: string) => process.stderr.write(text));
  await sweep(database, log, config.outboxDir);
  await prepareAssets(config.assetCacheDir);
  const sweeper = setInterval(() => void sweep(database, log, config.outboxDir), sweepEveryMs);
  sweeper.unref();
  const mailer = createMailer(config);
  log.info('mail', { transport: mailer.kind, ...(mailer.kind === 'outbox' ? { outboxDir: config.outboxDir } : {}) });
  const mailDelivery = startMailDelivery(database, mailer, log);
  const app = createApp({ db: database, log, config, kickMail: mailDelivery.kick });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const connections = trackConnections(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info('listening', { url, database: database.kind });
  const setupToken = await createSetupLinkIfNoAccounts(database);
  if (setupToken) {
    print(`\nNo staff account exists yet. Open this one-time link to create the first platform admin\n(valid for 24 hours; a restart prints a new one):\n  ${config.publicUrl ?? url}/setup/${setupToken}\n\n`);
  }
  return {
    db: database,
    server,
    url,
    async stop() {
      clearInterval(sweeper);
      const drained = await connections.drain(config.shutdownTimeoutMs);
      // After the requests (one may just have queued mail), before the database closes.
      await mailDelivery.stop();
      await database.close();
      return drained;
    },
  };
}

/**
 * Stops on SIGINT/SIGTERM: no new connections, requests under way finish (up to
 * SHUTDOWN_TIMEOUT_S), the mail being sent is sent, then the database closes, so no accepted
 * response is lost.
 */
export function stopOnSignals(running: RunningServer, log: Logger): void {
  const stop = (signal: string): void => {
    log.info('stopping', { signal });
    running.stop().then(
      (drained) => {
        log.info('stopped', { cutRequests: drained.cutRequests });
        process.exit(0);
      },
      (error: unknown) => {
        log.error('unclean stop', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  stopOnSignals(await startServer(config, log), log);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`PeerClimate could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
