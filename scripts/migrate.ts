/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../server/config.js';
import { openDb } from '../server/db/db.js';
import { migrate } from '../server/db/migrate.js';

const config = loadConfig();
const db = await openDb(config);
try {
  const applied = await migrate(db);
  process.stdout.write(applied.length > 0 ? `Applied migrations ${applied.join(', ')} (${db.kind}).\n` : `Database is current (${db.kind}).\n`);
} finally {
  await db.close();
}
