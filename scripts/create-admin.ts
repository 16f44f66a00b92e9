/**
 * `npm run create-admin -- <email>`: makes the account a platform admin (creating it when
 * needed) and prints a one-time link to choose its password. Only the link's hash is stored.
 * With PGlite, stop the server first: its data folder takes one process at a time.
 */
import { Email } from '../server/accounts/schema.js';
import { createPlatformAdmin } from '../server/accounts/service.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { prepareDatabase } from '../server/main.js';

const email = Email.safeParse(process.argv[2] ?? '');
if (!email.success) {
  process.stderr.write('Usage: npm run create-admin -- <email address>\n');
  process.exit(2);
}
const config = loadConfig();
const { db } = await prepareDatabase(config, createLogger('warn'));
try {
  const token = await createPlatformAdmin(db, email.data);
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  process.stdout.write(`${email.data} is a platform admin. Send them this one-time link to choose a password (valid 3 days):\n  ${base}/password/${token}\n`);
} finally {
  await db.close();
}
