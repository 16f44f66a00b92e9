import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';

/**
 * A 32-byte key every process of a fleet shares, by name: read on each use, made by the first
 * process that needs it (a second maker's key is dropped and the first one's stands). Never
 * logged or shown.
 */
export async function loadServerKey(db: Queryable, name: string): Promise<Buffer> {
  const stored = await findServerKey(db, name);
  if (stored) return stored;
  await db.query(`INSERT INTO server_keys (name, key) VALUES ($1, decode($2, 'hex')) ON CONFLICT (name) DO NOTHING`, [name, randomBytes(32).toString('hex')]);
  const made = await findServerKey(db, name);
  if (!made) throw new Error(`server_keys has no ${name} key`);
  return made;
}

async function findServerKey(db: Queryable, name: string): Promise<Buffer | undefined> {
  const [row] = await db.query<{ key: string }>('SELECT encode(key, \'hex\') AS key FROM server_keys WHERE name = $1', [name]);
  return row ? Buffer.from(row.key, 'hex') : undefined;
}
