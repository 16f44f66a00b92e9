/**
 * `npm run bench:submit -- [SECONDS] [CLIENTS] [TOKENS]`: survey submissions over HTTP at the database's
 * limit. For PostgreSQL and PGlite in turn: builds the server and runs it in its own process as
 * `npm start` runs it, drives it from this process with autocannon (CLIENTS concurrent
 * keep-alive connections, default 50, for SECONDS, default 10), then has the same number of
 * clients insert the same row into the same table one row per statement (autocommit) for as
 * long, and prints both rates, their ratio and the submissions' p50/p99 latency. Last, the same
 * posts to a bare Express app (scripts/http-floor-server.ts): the most any submission path on
 * this stack could reach on this machine.
 * A benchmark, not a test: it asserts nothing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import type { DatabaseKind, Db } from '../server/db/db.js';
import { openDb } from '../server/db/db.js';
import { scoreResponse, scoringRules } from '../server/instruments/scoring.js';
import { insertResponse, type NewResponse } from '../server/respond/queries.js';
import { buildCompleteAnswers, fetchFormToken } from '../test/support/answers.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { databaseEnv, withPreparedDatabase } from '../test/support/child-server.js';
import { createTestDatabase, type TestDatabase, whyPostgresIsUnavailable } from '../test/support/databases.js';
import { readStartCommand } from './start-command.js';

const seconds = Number(process.argv[2] ?? 10);
const clients = Number(process.argv[3] ?? 50);
// Form tokens opened before each run; a run that uses them all counts its further submissions as failures.
const tokensPerRun = Number(process.argv[4] ?? 40000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A server process with `npm start`'s node arguments, once it answers /healthz. */
async function startProcess(port: number, entry: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(await readStartCommand()).slice(0, -1), ...entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

/** The built server as `npm start` runs it. One client floods one link on purpose: the link's rate ceiling is lifted. */
async function startBuiltServer(database: TestDatabase, port: number): Promise<ChildProcess> {
  return startProcess(port, [(await readStartCommand()).at(-1) ?? ''], { ...databaseEnv(database), LINK_RATE_CEILING: '1000000' });
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

type HttpFigures = { rate: number; p50: number; p99: number; non2xx: number; errors: number };

/** Every submission needs the single-use form token of a survey page, as in a browser: these are opened first. */
async function fetchFormTokens(port: number, code: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (tokens.length < count) {
      const token = await fetchFormToken(`http://127.0.0.1:${port}`, code);
      if (!token) throw new Error('the survey page gave no form token');
      tokens.push(token);
    }
  }));
  return tokens;
}

/** `clients` keep-alive connections posting the same answers, each with a form token taken from `tokens`, for `seconds`. */
async function postAnswers(port: number, code: string, answers: unknown, tokens: string[]): Promise<HttpFigures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/s/${code}`, method: 'POST', connections: clients, duration: seconds,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ answers, formToken: tokens.pop() }) }) }],
  });
  return { rate: result['2xx'] / seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function submitOverHttp(port: number, code: string, answers: unknown): Promise<HttpFigures> {
  return postAnswers(port, code, answers, await fetchFormTokens(port, code, tokensPerRun));
}

/** The same posts to scripts/http-floor-server.ts: what Express alone answers on this machine. */
async function measureHttpFloor(answers: unknown): Promise<void> {
  const port = await freePort();
  const floor = await startProcess(port, ['--import', 'tsx', 'scripts/http-floor-server.ts'], {});
  const tokens = Array.from({ length: tokensPerRun }, (_, index) => `floor-${String(index)}`);
  const http = await postAnswers(port, 'floor', answers, tokens).finally(() => stopServer(floor));
  process.stdout.write(`${'floor'.padEnd(9)} ${String(clients).padStart(7)} ${http.rate.toFixed(0).padStart(14)} ${'-'.padStart(14)} ${'-'.padStart(7)} ${String(http.p50).padStart(6)} ${String(http.p99).padStart(6)} ${String(http.non2xx + http.errors).padStart(9)}   (Express 5 + helmet + JSON body, no database)\n`);
}

/** Single-row INSERTs of the same row, each its own transaction, by `clients` concurrent clients. */
async function insertRate(db: Db, row: NewResponse): Promise<number> {
  let inserted = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      await insertResponse(db, row);
      inserted += 1;
    }
  }));
  return inserted / seconds;
}

/** Measures one database; gives the answers it posted, for the floor. */
async function measure(kind: DatabaseKind): Promise<unknown> {
  const database = await createTestDatabase(kind);
  try {
    const { code, row, answers } = await withPreparedDatabase(database, async (db, published) => {
      const entry = instrumentByKey(published, 'peer-staff-climate');
      const wave = await buildWave(db, entry);
      const link = wave.links[0];
      if (!link) throw new Error('no link');
      const answers = buildCompleteAnswers(entry.instrument);
      const stored: NewResponse = {
        waveId: wave.waveId, unitId: link.unitId, instrumentVersionId: entry.id, roleGroup: 'peer_staff', language: 'en',
        answers: JSON.stringify(answers), scores: JSON.stringify(scoreResponse(scoringRules(entry.instrument), answers)),
      };
      return { code: link.code, row: stored, answers };
    });
    const port = await freePort();
    const server = await startBuiltServer(database, port);
    const http = await submitOverHttp(port, code, answers).finally(() => stopServer(server));
    const db = await openDb({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, ...(kind === 'postgres' ? { poolSize: clients } : {}) });
    const inserts = await insertRate(db, row).finally(() => db.close());
    process.stdout.write(`${kind.padEnd(9)} ${String(clients).padStart(7)} ${http.rate.toFixed(0).padStart(14)} ${inserts.toFixed(0).padStart(14)} ${(http.rate / inserts).toFixed(2).padStart(6)}x ${String(http.p50).padStart(6)} ${String(http.p99).padStart(6)} ${String(http.non2xx + http.errors).padStart(9)}\n`);
    return answers;
  } finally {
    await database.drop();
  }
}

execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
// The load generator, the server and PostgreSQL share this machine's CPUs: the figures say how many, and how busy it was.
process.stdout.write(`${seconds} s per measurement, ${os.cpus().length} CPUs shared by load generator, server and database, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} at start\ndatabase  clients  HTTP submits/s  row INSERTs/s  ratio  p50ms  p99ms  failures\n`);
const reason = await whyPostgresIsUnavailable();
// BENCH_ONLY=postgres or BENCH_ONLY=pglite measures one database.
const only = process.env.BENCH_ONLY;
let postedAnswers: unknown;
if (only !== 'pglite') {
  if (reason) process.stdout.write(`postgres  skipped: ${reason}\n`);
  else postedAnswers = await measure('postgres');
}
if (only !== 'postgres') postedAnswers = await measure('pglite');
if (postedAnswers !== undefined) await measureHttpFloor(postedAnswers);
