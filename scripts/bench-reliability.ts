/**
 * `npm run bench:reliability -- [responses] [units]`: seeds one closed wave of the peer staff
 * survey (default 50,000 responses over 50 units) on PGlite and (when reachable) PostgreSQL, then
 * times the reliability report (loadReliability: reading every answer, tallying, disclosure and
 * statistics for the wave, each role group and each unit) next to a bare read of the whole answers
 * in the same batches, each the median of 3 runs after a warm-up, and the heap used after it.
 * A benchmark, not a test: it asserts nothing.
 */
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import type { DatabaseKind, Db } from '../server/db/db.js';
import { seedSyntheticResponses } from '../server/demo/service.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase } from '../server/main.js';
import { findResponseAnswers } from '../server/reliability/queries.js';
import { loadReliability } from '../server/reliability/service.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { createTestDatabase, whyPostgresIsUnavailable } from '../test/support/databases.js';

const responses = Number(process.argv[2] ?? 50_000);
const unitCount = Number(process.argv[3] ?? 50);
const runs = 3;

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

/** The report's reads without its arithmetic: every answer of the wave, 2,000 at a time. */
async function readAllAnswers(db: Db, organizationId: string, waveId: string): Promise<number> {
  let afterId = '00000000-0000-0000-0000-000000000000';
  let read = 0;
  for (;;) {
    const rows = await findResponseAnswers(db, organizationId, waveId, { afterId, limit: 2000 }, []);
    read += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < 2000) return read;
    afterId = last.id;
  }
}

async function measure(kind: DatabaseKind): Promise<string> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) });
  const { db, published } = await prepareDatabase(config, createLogger('warn'));
  try {
    const peer = instrumentByKey(published, 'peer-staff-climate');
    const unitNames = Array.from({ length: unitCount }, (_, index) => `Unit ${String(index + 1).padStart(3, '0')}`);
    const wave = await buildWave(db, peer, { status: 'closed', unitNames });
    await seedSyntheticResponses(db, {
      waveId: wave.waveId, instrumentVersionId: peer.id, submittedOn: '2025-10-15', seed: 1,
      roleWeights: { peer_staff: 8, supervisor: 1, clinical_other: 1 },
      units: wave.links.map((link, index) => ({ unitId: link.unitId, responses: Math.round(responses / unitCount), climateShift: (index % 7) / 3 - 1 })),
    });
    await db.execScript('VACUUM (ANALYZE) responses');
    const reportMs = await medianMs(() => loadReliability(db, wave.organizationId, wave.waveId));
    const readMs = await medianMs(() => readAllAnswers(db, wave.organizationId, wave.waveId));
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    return `${kind.padEnd(10)} report ${reportMs.toFixed(0).padStart(6)} ms   bare read of the answers ${readMs.toFixed(0).padStart(6)} ms   heap after ${heapMb.toFixed(0)} MB`;
  } finally {
    await db.close();
    await database.drop();
  }
}

process.stdout.write(`Reliability report of one closed wave, ${responses.toLocaleString('en')} responses over ${unitCount} units; median of ${runs} runs after a warm-up\n`);
process.stdout.write(`${await measure('pglite')}\n`);
const reason = await whyPostgresIsUnavailable();
process.stdout.write(reason ? `PostgreSQL skipped: ${reason}\n` : `${await measure('postgres')}\n`);
