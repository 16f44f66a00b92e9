/**
 * `npm run demo`: starts PeerClimate with a demo organization and an open wave, prints each
 * unit's survey link and signs up a demo manager with a fresh random password each run. It
 * keeps its own data folder, so it never touches a real DATA_DIR; pointed at a DATABASE_URL
 * that holds real organizations, it refuses.
 */
import path from 'node:path';
import { addMembership, findOrCreateAccount, issuePasswordLink, setPasswordWithLink } from '../server/accounts/service.js';
import { loadConfig } from '../server/config.js';
import type { Db } from '../server/db/db.js';
import { generateToken } from '../server/http/tokens.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase, startServer, stopOnSignals } from '../server/main.js';
import { countOrganizations, createOrganizationWithUnits, findDemoOrganization } from '../server/organizations/service.js';
import { createWaveWithOpenLinks, listLinks } from '../server/waves/service.js';

const demoUnits = ['Outpatient Clinic', 'Recovery Center', 'Crisis Services'];
const demoManagerEmail = 'demo.manager@example.org';

/** The demo manager signs in with a new password each run, set through the real one-time-link path. */
async function resetDemoManager(db: Db, organizationId: string): Promise<string> {
  const password = generateToken(16);
  const token = await db.transaction(async (tx) => {
    const { accountId } = await findOrCreateAccount(tx, demoManagerEmail);
    await addMembership(tx, { accountId, organizationId, role: 'manager' });
    return issuePasswordLink(tx, accountId);
  });
  await setPasswordWithLink(db, token, password);
  return password;
}

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
const managerPassword = await resetDemoManager(db, organizationId);
const running = await startServer(config, log, db);
stopOnSignals(running, log);
process.stdout.write(`\nPeerClimate demo is running at ${running.url} (${db.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}).\n`);
process.stdout.write('Answer the survey as a peer staff member of any unit:\n');
for (const link of await listLinks(db, organizationId)) process.stdout.write(`  ${link.unitName.padEnd(20)} ${running.url}/s/${link.code}\n`);
process.stdout.write(`\nSign in as the demo manager at ${running.url}/login\n  email:    ${demoManagerEmail}\n  password: ${managerPassword}\n`);
process.stdout.write('\nPress Ctrl+C to stop.\n');
