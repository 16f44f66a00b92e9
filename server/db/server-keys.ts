import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';

/** Comment handles (dashboards/comments) and personal invitation links (waves/invitations/addresses). */
export type ServerKeyName = 'comment_handles' | 'invitation_links';
const serverKeyNames: readonly ServerKeyName[] = ['comment_handles', 'invitation_links'];

/**
 * A 32-byte key every process of a fleet shares, by name: read on each use, made by the first
 * process that needs it (a second maker's key is dropped and the first one's stands). Never
 * logged or shown.
 */
export async function loadServerKey(db: Queryable, name: ServerKeyName): Promise<Buffer> {
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

/** Start-up step: makes every key now, so no request, refused or not, ever writes one. */
export async function prepareServerKeys(db: Queryable): Promise<void> {
  for (const name of serverKeyNames) await loadServerKey(db, name);
}
