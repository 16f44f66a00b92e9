/**
 * `npm run demo`: starts PeerClimate with a demo organization and an open wave, and prints
 * each unit's survey link. It keeps its own data folder, so it never touches a real DATA_DIR;
 * pointed at a DATABASE_URL that holds real organizations, it refuses.
 */
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import type { Db } from '../server/db/db.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase, startServer, stopOnSignals } from '../server/main.js';
import { countOrganizations, createOrganizationWithUnits, findDemoOrganization } from '../server/organizations/service.js';
import { createWaveWithOpenLinks, listLinks } from '../server/waves/service.js';

const demoUnits = ['Outpatient Clinic', 'Recovery Center', 'Crisis Services'];

async function seedDemo(db: Db, instrumentVersionId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const { organizationId, units } = await createOrganizationWithUnits(tx, {
      name: 'Riverside Community Health (demo)', isDemo: true, unitNames: demoUnits,
    });
    await createWaveWithOpenLinks(tx, {
      organizationId, instrumentVersionId, name: 'Peer staff survey, autumn (demo)', status: 'open', minGroupSize: 5,
    }, units);
    return organizationId;
  });
}

const baseConfig = loadConfig({ ...process.env, DATA_DIR: process.env.DEMO_DATA_DIR ?? path.resolve('.demo-data') });
const config = { ...baseConfig, logLevel: process.env.LOG_LEVEL ? baseConfig.logLevel : ('warn' as const) };
const log = createLogger(config.logLevel);
const { db, published } = await prepareDatabase(config, log);
const counts = await countOrganizations(db);
if (counts.real > 0) {
  process.stderr.write('This database already holds real organizations; the demo will not add to it. Unset DATABASE_URL to use the demo\'s own data folder.\n');
  await db.close();
  process.exit(1);
}
const instrumentVersionId = published.filter((entry) => entry.instrument.key === 'peer-staff-climate').at(-1)?.id;
if (!instrumentVersionId) throw new Error('surveys/ has no peer-staff-climate instrument');
const organizationId = (await findDemoOrganization(db)) ?? (await seedDemo(db, instrumentVersionId));
const running = await startServer(config, log, db);
stopOnSignals(running, log);
process.stdout.write(`\nPeerClimate demo is running at ${running.url} (${db.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}).\n`);
process.stdout.write('Answer the survey as a peer staff member of any unit:\n');
for (const link of await listLinks(db, organizationId)) process.stdout.write(`  ${link.unitName.padEnd(20)} ${running.url}/s/${link.code}\n`);
process.stdout.write('\nPress Ctrl+C to stop.\n');
