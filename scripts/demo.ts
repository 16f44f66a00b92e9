/**
 * `npm run demo`: starts PeerClimate with a demo organization, prints each unit's survey link
 * for the open wave, the dashboard of the latest closed wave, and signs up a demo manager and a
 * demo researcher, each with a fresh random password each run. On the first run it seeds synthetic responses so the
 * dashboard is full: two closed peer staff waves (spring and autumn of last year, so a change
 * shows), a closed supervisor / clinical staff wave (so the perception gap shows) and one unit
 * below the minimum group size (so suppression shows). It keeps its own data folder, so it never
 * touches a real DATA_DIR; pointed at a DATABASE_URL that holds real organizations, it refuses.
 */
import path from 'node:path';
import { addMembership, findOrCreateAccount, issuePasswordLink, setPasswordWithLink } from '../server/accounts/service.js';
import { loadConfig } from '../server/config.js';
import type { Db } from '../server/db/db.js';
import { seedSyntheticResponses } from '../server/demo/service.js';
import { generateToken } from '../server/http/tokens.js';
import type { PublishedInstrument } from '../server/instruments/service.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase, startServer, stopOnSignals } from '../server/main.js';
import type { UnitRow } from '../server/organizations/queries.js';
import { countOrganizations, createOrganizationWithUnits, findDemoOrganization } from '../server/organizations/service.js';
import { createWaveWithOpenLinks, listLinks, listWaves } from '../server/waves/service.js';

const demoAccounts = [
  { role: 'manager', email: 'demo.manager@example.org' },
  { role: 'researcher', email: 'demo.researcher@example.org' },
] as const;
const minGroupSize = 5;

/**
 * Responses per unit and its climate (in standard deviations; about +1.5 gives 60% favorable) in
 * each past wave. Mobile Outreach stays below k, so it is suppressed, and complementary
 * suppression hides the next smallest unit, Recovery Center, with it. Between spring and autumn
 * Crisis Services and Outpatient Clinic improve and Housing Support gets harder.
 */
const demoUnits = [
  { name: 'Outpatient Clinic', spring: [24, 1.2], autumn: [26, 1.7], staff: 9 },
  { name: 'Recovery Center', spring: [12, 1.4], autumn: [13, 1.4], staff: 7 },
  { name: 'Crisis Services', spring: [18, 0.4], autumn: [20, 1.4], staff: 8 },
  { name: 'Housing Support', spring: [27, 1.5], autumn: [28, 1.0], staff: 10 },
  { name: 'Mobile Outreach', spring: [3, 1.0], autumn: [3, 1.2], staff: 2 },
] as const;

type PastWave = {
  name: string;
  instrument: PublishedInstrument;
  opensOn: string;
  closesOn: string;
  roleWeights: Record<string, number>;
  units: (unit: (typeof demoUnits)[number]) => { responses: number; climateShift: number };
};

/** The newest published version of a built-in instrument. */
function newestInstrument(published: readonly PublishedInstrument[], key: string): PublishedInstrument {
  const found = published.filter((entry) => entry.instrument.key === key).sort((a, b) => b.instrument.version - a.instrument.version)[0];
  if (!found) throw new Error(`surveys/ has no ${key} instrument`);
  return found;
}

/** Last year's spring and autumn waves: always in the past, whatever day the demo runs. */
function pastWaves(published: readonly PublishedInstrument[]): PastWave[] {
  const year = new Date().getFullYear() - 1;
  const peer = newestInstrument(published, 'peer-staff-climate');
  const staff = newestInstrument(published, 'supervisor-clinical-climate');
  return [
    { name: `Peer staff survey, spring ${year} (demo)`, instrument: peer, opensOn: `${year}-04-01`, closesOn: `${year}-04-30`,
      roleWeights: { peer_staff: 1 }, units: (unit) => ({ responses: unit.spring[0], climateShift: unit.spring[1] }) },
    { name: `Peer staff survey, autumn ${year} (demo)`, instrument: peer, opensOn: `${year}-10-01`, closesOn: `${year}-10-31`,
      roleWeights: { peer_staff: 1 }, units: (unit) => ({ responses: unit.autumn[0], climateShift: unit.autumn[1] }) },
    // Supervisors and clinical co-workers tend to see the peer role more favorably than peers do.
    { name: `Supervisor and clinical staff survey, autumn ${year} (demo)`, instrument: staff, opensOn: `${year}-10-01`, closesOn: `${year}-10-31`,
      roleWeights: { supervisor: 1, clinical_other: 2 }, units: (unit) => ({ responses: unit.staff, climateShift: unit.autumn[1] + 0.6 }) },
  ];
}

/** A demo account signs in with a new password each run, set through the real one-time-link path. */
async function resetDemoAccount(db: Db, organizationId: string, account: (typeof demoAccounts)[number]): Promise<string> {
  const password = generateToken(16);
  const token = await db.transaction(async (tx) => {
    const { accountId } = await findOrCreateAccount(tx, account.email);
    await addMembership(tx, { accountId, organizationId, role: account.role });
    return issuePasswordLink(tx, accountId);
  });
  await setPasswordWithLink(db, token, password);
  return password;
}

/** Creates a closed wave dated in the past and fills it with synthetic responses from the middle of it. */
async function seedPastWave(db: Db, organizationId: string, units: readonly UnitRow[], wave: PastWave, seed: number): Promise<void> {
  // One transaction per wave: waves are ordered by creation time, which is the transaction's.
  const { waveId } = await db.transaction((tx) => createWaveWithOpenLinks(tx, {
    organizationId, instrumentVersionId: wave.instrument.id, name: wave.name, status: 'closed', minGroupSize,
    opensOn: wave.opensOn, closesOn: wave.closesOn,
  }, units));
  await seedSyntheticResponses(db, {
    waveId, instrumentVersionId: wave.instrument.id, roleWeights: wave.roleWeights, submittedOn: `${wave.opensOn.slice(0, 8)}15`, seed,
    units: demoUnits.map((unit) => ({ unitId: units.find((row) => row.name === unit.name)?.id ?? '', ...wave.units(unit) })),
  });
}

async function seedDemo(db: Db, published: readonly PublishedInstrument[]): Promise<string> {
  const { organizationId, units } = await db.transaction((tx) => createOrganizationWithUnits(tx, {
    name: 'Riverside Community Health (demo)', isDemo: true, unitNames: demoUnits.map((unit) => unit.name),
  }));
  for (const [index, wave] of pastWaves(published).entries()) await seedPastWave(db, organizationId, units, wave, index + 1);
  await db.transaction((tx) => createWaveWithOpenLinks(tx, {
    organizationId, instrumentVersionId: newestInstrument(published, 'peer-staff-climate').id,
    name: `Peer staff survey, ${new Date().getFullYear()} (demo)`, status: 'open', minGroupSize,
  }, units));
  return organizationId;
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
const organizationId = (await findDemoOrganization(db)) ?? (await seedDemo(db, published));
const passwords: Array<(typeof demoAccounts)[number] & { password: string }> = [];
for (const account of demoAccounts) passwords.push({ ...account, password: await resetDemoAccount(db, organizationId, account) });
const running = await startServer(config, log, db);
stopOnSignals(running, log);
const waves = await listWaves(db, organizationId);
const openWaveNames = new Set(waves.filter((wave) => wave.status === 'open').map((wave) => wave.name));
const latestPeerWave = waves
  .filter((wave) => wave.status === 'closed' && wave.instrumentKey === 'peer-staff-climate')
  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
process.stdout.write(`\nPeerClimate demo is running at ${running.url} (${db.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}).\n`);
process.stdout.write('Answer the open survey as a peer staff member of any unit:\n');
for (const link of (await listLinks(db, organizationId)).filter((row) => openWaveNames.has(row.waveName))) {
  process.stdout.write(`  ${link.unitName.padEnd(20)} ${running.url}/s/${link.code}\n`);
}
process.stdout.write(`\nSign in at ${running.url}/login as the demo manager (runs units and waves) or the demo researcher (dashboards, research exports, reliability):\n`);
for (const account of passwords) process.stdout.write(`  ${account.role.padEnd(11)} email: ${account.email.padEnd(28)} password: ${account.password}\n`);
if (latestPeerWave) {
  process.stdout.write(`\nThen see the results of ${latestPeerWave.name} (Mobile Outreach has fewer than ${minGroupSize} responses, so it is suppressed, and so is one more unit, so that it cannot be worked out by subtraction):\n`);
  process.stdout.write(`  Dashboard: ${running.url}/orgs/${organizationId}/waves/${latestPeerWave.id}/dashboard\n`);
}
process.stdout.write('\nPress Ctrl+C to stop.\n');
