/**
 * `npm run bench:export -- [N] [UNITS]`: seeds N synthetic responses (default 100,000) over UNITS
 * units (default 50) into a wave and closes it as the sweep does (its dashboard aggregates and
 * export lines written once, timed), then measures, on PGlite and (when reachable) PostgreSQL,
 * the respondent-level export downloaded over real HTTP from a server in its own process started
 * as `npm start` starts it, from the build (rows/s, and that process's resident memory before
 * and at its peak while streaming), next to a bare SELECT of the same rows and the same rows read
 * in the export's batches of stored lines, in the same run; the server runs once as `npm start`
 * runs it and once with a small capped heap. A benchmark, not a test: it asserts nothing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import type { DatabaseKind, Db } from '../server/db/db.js';
import { summarizeClosedWaves } from '../server/dashboards/service.js';
import { seedSyntheticResponses } from '../server/demo/service.js';
import { findIdsInRandomOrder, findStoredLines } from '../server/exports/queries.js';
import { prepareClosedWaveExports } from '../server/exports/service.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase } from '../server/main.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { createTestDatabase, whyPostgresIsUnavailable } from '../test/support/databases.js';
import { createAccount, openSession, uniqueEmail } from '../test/support/staff.js';
import { readStartCommand } from './start-command.js';

const total = Number(process.argv[2] ?? 100_000);
const unitCount = Number(process.argv[3] ?? 50);
const megabyte = 1024 * 1024;

type Prepared = { exportPath: string; cookie: string; waveId: string };

async function seed(db: Db, published: Parameters<typeof instrumentByKey>[0]): Promise<Prepared> {
  const instrument = instrumentByKey(published, 'peer-staff-climate');
  const wave = await buildWave(db, instrument, { unitNames: Array.from({ length: unitCount }, (_, index) => `Unit ${String(index + 1).padStart(2, '0')}`) });
  const perUnit = Math.floor(total / unitCount);
  await seedSyntheticResponses(db, {
    waveId: wave.waveId, instrumentVersionId: instrument.id, submittedOn: '2026-03-01', seed: 42,
    units: wave.links.map((link, index) => ({ unitId: link.unitId, responses: perUnit + (index < total - perUnit * unitCount ? 1 : 0), climateShift: (index % 5 - 2) / 4 })),
    roleWeights: { peer_staff: 3, supervisor: 1, clinical_other: 1 },
  });
  await db.query("UPDATE waves SET status = 'closed' WHERE id = $1", [wave.waveId]);
  const account = await createAccount(db, { email: uniqueEmail('bench'), memberships: [{ organizationId: wave.organizationId, role: 'researcher' }] });
  const session = await openSession(db, account.accountId);
  return {
    exportPath: `/orgs/${wave.organizationId}/exports/waves/${wave.waveId}/respondents/responses.csv`, cookie: session.cookie, waveId: wave.waveId,
  };
}

/** Rows per second of one query returning every row at once, and of the export's batched reads of stored lines without formatting. */
async function measureReads(db: Db, waveId: string): Promise<{ bare: number; batched: number }> {
  let started = performance.now();
  const rows = await db.query(
    `SELECT id, instrument_version_id, unit_id, role_group, to_char(submitted_on, 'YYYY-MM') AS month, answers, scores
     FROM responses WHERE wave_id = $1`, [waveId],
  );
  const bare = rows.length / ((performance.now() - started) / 1000);
  started = performance.now();
  let count = 0;
  const ids = await findIdsInRandomOrder(db, waveId, true);
  for (let start = 0; start < ids.length; start += 5000) count += (await findStoredLines(db, waveId, ids.slice(start, start + 5000))).length;
  return { bare, batched: count / ((performance.now() - started) / 1000) };
}

function readRss(pid: number): Promise<number> {
  return fs.readFile(`/proc/${String(pid)}/status`, 'utf8').then((status) => Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024, () => 0);
}

/** Starts the built server the way `npm start` does, in its own process over the seeded database; resolves with its URL. */
function startServerProcess(env: Record<string, string>, nodeArgs: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, nodeArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const url = /"message":"listening"[^\n]*?"url":"([^"]+)"/.exec(buffered);
      if (url) resolve({ child, url: url[1] ?? '' });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${String(code)}: ${buffered}`)));
  });
}

async function downloadExport(url: string, cookie: string, pid: number): Promise<{ rows: number; seconds: number; rssBefore: number; rssPeak: number; bytes: number }> {
  const rssBefore = await readRss(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => void readRss(pid).then((rss) => { rssPeak = Math.max(rssPeak, rss); }), 10);
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${String(response.status)}: ${await response.text()}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    // Native search, so that this client takes as little as it can of the CPUs the server shares.
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, await readRss(pid));
  return { rows: lines - 1, seconds, rssBefore, rssPeak, bytes };
}

async function measure(kind: DatabaseKind, nodeFlags: readonly string[]): Promise<void> {
  const database = await createTestDatabase(kind);
  const env = { DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
  try {
    const { db, published } = await prepareDatabase(loadConfig(env), createLogger('warn'));
    let started = performance.now();
    const prepared = await seed(db, published);
    const seedSeconds = (performance.now() - started) / 1000;
    // What closing the wave does (the server's sweep would do the same at its start).
    await summarizeClosedWaves(db);
    started = performance.now();
    await prepareClosedWaveExports(db);
    const linesSeconds = (performance.now() - started) / 1000;
    const reads = await measureReads(db, prepared.waveId);
    await db.close();
    const startArgs = await readStartCommand();
    const { child, url } = await startServerProcess({ ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, [...startArgs.slice(0, -1), ...nodeFlags, ...startArgs.slice(-1)]);
    try {
      started = performance.now();
      const result = await downloadExport(`${url}${prepared.exportPath}`, prepared.cookie, child.pid ?? 0);
      process.stdout.write(`${kind.padEnd(9)} ${String(result.rows).padStart(7)} ${(result.rows / result.seconds).toFixed(0).padStart(13)} ${(result.bytes / megabyte).toFixed(1).padStart(8)} `
        + `${(result.rssBefore / megabyte).toFixed(0).padStart(10)} ${(result.rssPeak / megabyte).toFixed(0).padStart(8)} ${reads.bare.toFixed(0).padStart(13)} ${reads.batched.toFixed(0).padStart(15)}   ${nodeFlags.join(' ') || 'npm start'}, seeded in ${seedSeconds.toFixed(0)} s, lines written at close in ${linesSeconds.toFixed(1)} s\n`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await database.drop();
  }
}

execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
process.stdout.write(`respondent-level export of ${String(total)} responses over ${String(unitCount)} units, over HTTP from a separate server process\n`);
process.stdout.write('database     rows  export rows/s       MB  RSS before  RSS peak  bare SELECT/s  stored lines/s\n');
// V8 grows its heap lazily when left alone; a capped heap shows what the export itself needs
// (given after npm start's own flags, since node takes the last value of a flag).
const cappedHeap = ['--max-old-space-size=64', '--max-semi-space-size=4'];
const reason = await whyPostgresIsUnavailable();
// BENCH_DATABASES=postgres (or pglite) measures one of them only.
const kinds = (['pglite', 'postgres'] as const).filter((kind) => (process.env.BENCH_DATABASES ?? kind).split(',').includes(kind));
for (const kind of kinds) {
  if (kind === 'postgres' && reason) {
    process.stdout.write(`postgres  skipped: ${reason}\n`);
    continue;
  }
  for (const flags of [[], cappedHeap]) await measure(kind, flags);
}
