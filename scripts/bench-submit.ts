/**
 * `npm run bench:submit -- [N] [C]`: submits N valid responses over HTTP with concurrency C
 * against PGlite and (when reachable) PostgreSQL, and prints responses/s next to the raw insert
 * rate of the same database in the same run (each submission first opens the page for its form
 * token). A benchmark, not a test: it asserts nothing.
 */
import { scoreResponse, scoringRules } from '../server/instruments/scoring.js';
import { insertResponse } from '../server/respond/queries.js';
import { buildCompleteAnswers, fetchFormToken } from '../test/support/answers.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { whyPostgresIsUnavailable } from '../test/support/databases.js';
import { startTestServer } from '../test/support/server.js';
import type { DatabaseKind } from '../server/db/db.js';

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 20);

async function submitOverHttp(url: string, code: string, body: string): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      next += 1;
      // Each submission needs the form token of a page, as in a browser.
      const formToken = await fetchFormToken(url, code);
      const response = await fetch(`${url}/s/${code}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body.replace(/}$/, `,"formToken":"${formToken ?? ''}"}`) });
      if (response.status !== 201) failures += 1;
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

async function measure(kind: DatabaseKind): Promise<void> {
  // The benchmark is one client flooding one link on purpose: lift the link's rate ceiling.
  const server = await startTestServer(kind, { LOG_LEVEL: 'warn', LINK_RATE_CEILING: '1000000' });
  try {
    const published = instrumentByKey(server.published, 'peer-staff-climate');
    const wave = await buildWave(server.db, published);
    const link = wave.links[0];
    if (!link) throw new Error('no link');
    const answers = buildCompleteAnswers(published.instrument);
    const body = JSON.stringify({ answers });

    let started = performance.now();
    const failures = await submitOverHttp(server.url, link.code, body);
    const httpSeconds = (performance.now() - started) / 1000;

    const row = { waveId: wave.waveId, unitId: link.unitId, instrumentVersionId: published.id, roleGroup: 'peer_staff', language: 'en',
      answers: JSON.stringify(answers), scores: JSON.stringify(scoreResponse(scoringRules(published.instrument), answers)) };
    started = performance.now();
    let inserted = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (inserted < total) {
        inserted += 1;
        await insertResponse(server.db, row);
      }
    }));
    const insertSeconds = (performance.now() - started) / 1000;
    process.stdout.write(`${kind.padEnd(9)} ${String(total).padStart(6)} ${String(concurrency).padStart(4)} ${(total / httpSeconds).toFixed(0).padStart(14)} ${(total / insertSeconds).toFixed(0).padStart(16)} ${String(failures).padStart(9)}\n`);
  } finally {
    await server.stop();
  }
}

process.stdout.write('database       N    C  HTTP responses/s  raw inserts/s  failures\n');
await measure('pglite');
const reason = await whyPostgresIsUnavailable();
if (reason) process.stdout.write(`postgres  skipped: ${reason}\n`);
else await measure('postgres');
