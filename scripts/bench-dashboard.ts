/**
 * `npm run bench:dashboard`: seeds 100,000 synthetic responses (50 units, two closed waves of the
 * peer staff survey, 50,000 each) on PGlite and (when reachable) PostgreSQL, then times the
 * computing of both waves' aggregates as closing them does, loadDashboard for the later wave
 * (its first view after that, later views, and a view that finds nothing stored), next to the
 * bare SQL aggregates (the same queries from server/dashboards/queries.ts, called directly),
 * each the median of 5 runs after a warm-up.
 * A benchmark, not a test: it asserts nothing.
 */
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { ratingItems } from '../server/dashboards/assemble.js';
import { aggregateScoresByCell, countInvitationsByUnit, countItemValuesByCell, countRespondentsByCell } from '../server/dashboards/queries.js';
import { sampleVisibleComments } from '../server/dashboards/comments/queries.js';
import { loadDashboard, summarizeClosedWaves } from '../server/dashboards/service.js';
import type { DatabaseKind, Db } from '../server/db/db.js';
import { seedSyntheticResponses } from '../server/demo/service.js';
import type { PublishedInstrument } from '../server/instruments/service.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase } from '../server/main.js';
import { listUnits } from '../server/organizations/service.js';
import { createWaveWithOpenLinks } from '../server/waves/service.js';
import { buildWave, instrumentByKey } from '../test/support/builders.js';
import { createTestDatabase, whyPostgresIsUnavailable } from '../test/support/databases.js';
import { translator } from '../server/i18n/translate.js';

const unitCount = 50;
const responsesPerWave = 50_000;
const runs = 5;

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/** Runs `run` once to warm up, then `runs` times; returns each run's result. */
async function timeRuns<T>(run: () => Promise<T>): Promise<T[]> {
  await run();
  const results: T[] = [];
  for (let index = 0; index < runs; index += 1) results.push(await run());
  return results;
}

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** An organization of 50 units with two closed peer staff waves, the later one created second. */
async function seedWaves(db: Db, peer: PublishedInstrument): Promise<{ organizationId: string; earlierWaveId: string; laterWaveId: string }> {
  const unitNames = Array.from({ length: unitCount }, (_, index) => `Unit ${String(index + 1).padStart(2, '0')}`);
  const earlier = await buildWave(db, peer, { status: 'closed', unitNames });
  const units = await listUnits(db, earlier.organizationId);
  const later = await db.transaction((tx) => createWaveWithOpenLinks(tx, {
    organizationId: earlier.organizationId, instrumentVersionId: peer.id, name: 'Later wave', status: 'closed', minGroupSize: 5,
  }, units));
  for (const [index, waveId] of [earlier.waveId, later.waveId].entries()) {
    await seedSyntheticResponses(db, {
      waveId, instrumentVersionId: peer.id, submittedOn: index === 0 ? '2025-04-15' : '2025-10-15', seed: index + 1,
      // Mostly peer staff, as on a peer staff survey, with some supervisors and clinical staff answering it too.
      roleWeights: { peer_staff: 8, supervisor: 1, clinical_other: 1 },
      units: units.map((unit, unitIndex) => ({ unitId: unit.id, responses: responsesPerWave / unitCount, climateShift: (unitIndex % 7) / 3 - 1 })),
    });
  }
  return { organizationId: earlier.organizationId, earlierWaveId: earlier.waveId, laterWaveId: later.waveId };
}

/** The queries loadDashboard runs for the later wave (and its previous wave's figures), one after another. */
function bareQueries(db: Db, peer: PublishedInstrument, waves: { earlierWaveId: string; laterWaveId: string }): Array<[string, () => Promise<unknown>]> {
  const instrument = peer.instrument;
  const figures = (label: string, waveId: string): Array<[string, () => Promise<unknown>]> => [
    [`countRespondentsByCell (${label})`, () => countRespondentsByCell(db, waveId)],
    [`aggregateScoresByCell (${label})`, () => aggregateScoresByCell(db, waveId, instrument.scale.max, instrument.outcomeQuestion ?? null)],
    [`countItemValuesByCell (${label})`, () => countItemValuesByCell(db, waveId, ratingItems(instrument))],
  ];
  return [
    ...figures('later', waves.laterWaveId),
    ...figures('earlier', waves.earlierWaveId),
    ['sampleVisibleComments', () => sampleVisibleComments(db, waves.laterWaveId, instrument.comments, { unitId: null, role: null }, 200)],
    ['countInvitationsByUnit', () => countInvitationsByUnit(db, waves.laterWaveId)],
  ];
}

type Figures = {
  seedSeconds: number; summarizeMs: number; dashboardFirstMs: number; dashboardMs: number; dashboardUnstoredMs: number; sqlMs: number; queryMs: Map<string, number>;
};

async function measure(kind: DatabaseKind): Promise<Figures> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    DATA_DIR: database.dataDir, SURVEYS_DIR: path.resolve('surveys'), ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
  });
  const { db, published } = await prepareDatabase(config, createLogger('warn'));
  try {
    const peer = instrumentByKey(published, 'peer-staff-climate');
    const seedStarted = performance.now();
    const waves = await seedWaves(db, peer);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const viewDashboard = () => loadDashboard(db, waves.organizationId, waves.laterWaveId, {}, { language: 'en', t: translator('en') });
    // What PostgreSQL's autovacuum, and for PGlite the server's sweep (at start and hourly), will
    // have done by the time a wave that took weeks to answer closes: statistics and visibility map.
    await db.execScript('VACUUM (ANALYZE) responses');
    // Closing a wave (or the sweep, for waves closed by date) computes and stores its aggregates;
    // every view reads them back with its counts and a fresh comment sample.
    const summarizeMs = await elapsed(() => summarizeClosedWaves(db)) / 2;
    const dashboardFirstMs = await elapsed(viewDashboard);
    const dashboardMs = median(await timeRuns(() => elapsed(viewDashboard)));
    // A view that finds nothing stored (a wave closed by date before the sweep ran) computes them itself.
    await db.query('DELETE FROM closed_wave_aggregates');
    const dashboardUnstoredMs = await elapsed(viewDashboard);
    const queries = bareQueries(db, peer, waves);
    // Each run calls every query in turn; per query and in total, the median run.
    const sqlRuns = await timeRuns(async () => {
      const times: number[] = [];
      for (const [, run] of queries) times.push(await elapsed(run));
      return times;
    });
    return {
      seedSeconds, summarizeMs, dashboardFirstMs, dashboardMs, dashboardUnstoredMs,
      sqlMs: median(sqlRuns.map((times) => times.reduce((sum, ms) => sum + ms, 0))),
      queryMs: new Map(queries.map(([name], index) => [name, median(sqlRuns.map((times) => times[index] ?? Number.NaN))])),
    };
  } finally {
    await db.close();
    await database.drop();
  }
}

function printTable(results: ReadonlyMap<DatabaseKind, Figures>): void {
  const kinds = [...results.keys()];
  const row = (label: string, value: (figures: Figures) => string): void => {
    process.stdout.write(`${label.padEnd(46)}${kinds.map((kind) => {
      const figures = results.get(kind);
      return (figures ? value(figures) : '').padStart(10);
    }).join('')}\n`);
  };
  const ms = (value: number | undefined): string => (value === undefined ? '' : `${value.toFixed(0)} ms`);
  process.stdout.write(`\n${''.padEnd(46)}${kinds.map((kind) => kind.padStart(10)).join('')}\n`);
  row('seeding 100,000 responses', (figures) => `${figures.seedSeconds.toFixed(1)} s`);
  row('aggregates computed at close, per wave', (figures) => ms(figures.summarizeMs));
  row('loadDashboard, first view after the close', (figures) => ms(figures.dashboardFirstMs));
  row('loadDashboard, later views (median)', (figures) => ms(figures.dashboardMs));
  row('loadDashboard, view finding nothing stored', (figures) => ms(figures.dashboardUnstoredMs));
  row('bare SQL aggregates, one after another', (figures) => ms(figures.sqlMs));
  const first = results.values().next().value;
  for (const name of first?.queryMs.keys() ?? []) row(`  ${name}`, (figures) => ms(figures.queryMs.get(name)));
}

process.stdout.write(`Dashboard of the later of two waves, ${responsesPerWave.toLocaleString('en')} responses each over ${unitCount} units; median of ${runs} runs after a warm-up\n`);
const results = new Map<DatabaseKind, Figures>([['pglite', await measure('pglite')]]);
const reason = await whyPostgresIsUnavailable();
if (reason) process.stdout.write(`PostgreSQL skipped: ${reason}\n`);
else results.set('postgres', await measure('postgres'));
printTable(results);
