/**
 * `npm run move-to-postgres -- postgres://user:password@host/database`: copies the embedded
 * PGlite database in DATA_DIR (default ./data; stop the server first) into an empty PostgreSQL
 * database: applies the migrations there, copies every table in one transaction, then compares
 * every table's row count and checksum on both sides. Afterwards start the server with
 * DATABASE_URL set to that address.
 */
import { z } from 'zod';
import { loadConfig } from '../server/config.js';
import { copyAllTables, fingerprintTables, isEmptyDatabase } from '../server/db/copy.js';
import { openDb } from '../server/db/db.js';
import { migrate } from '../server/db/migrate.js';

const target = z.string().regex(/^postgres(ql)?:\/\//, 'give the target as postgres://…').safeParse(process.argv[2]);
if (!target.success) {
  process.stderr.write('usage: npm run move-to-postgres -- postgres://user:password@host/database\n');
  process.exit(2);
}
const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
const source = await openDb({ dataDir: config.dataDir });
const destination = await openDb({ databaseUrl: target.data, dataDir: config.dataDir });
try {
  if (!(await isEmptyDatabase(destination))) throw new Error('the target database is not empty; give an empty one');
  await migrate(source);
  await migrate(destination);
  const copied = await copyAllTables(source, destination);
  const [before, after] = [await fingerprintTables(source), await fingerprintTables(destination)];
  const differing = Object.keys(before).filter((table) => before[table] !== after[table]);
  for (const [table, rows] of copied) process.stdout.write(`${table.padEnd(28)} ${String(rows).padStart(9)} rows\n`);
  if (differing.length > 0) throw new Error(`tables differ after the copy: ${differing.join(', ')}`);
  process.stdout.write(`Every table matches. Start the server with DATABASE_URL=${target.data.replace(/\/\/[^@]*@/, '//…@')}\n`);
} catch (error) {
  process.stderr.write(`move-to-postgres failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await source.close();
  await destination.close();
}
