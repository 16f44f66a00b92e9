import type { Db, Queryable } from './db.js';

/**
 * Copying one PeerClimate database into another of the same schema (`npm run move-to-postgres`).
 * Rows travel as JSON through jsonb_populate_recordset, which restores every column's type on
 * the other side, table by table in foreign-key order.
 */
const batchRows = 2000;

/** The tables of the public schema, each after every table it references. */
export async function listTablesInDependencyOrder(db: Queryable): Promise<string[]> {
  const tables = (await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  )).map((row) => row.name);
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: readonly string[]): void => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const reference of references) if (reference.child === table && reference.parent !== table) visit(reference.parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** Names come from the catalogue, never from input; quoting still keeps them whole. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Copies every row of `table`; returns how many. */
async function copyTable(source: Queryable, target: Queryable, table: string): Promise<number> {
  let copied = 0;
  for (let offset = 0; ; offset += batchRows) {
    const rows = await source.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${quoted(table)} t ORDER BY t.ctid LIMIT $1 OFFSET $2`, [batchRows, offset]);
    if (rows.length === 0) return copied;
    await target.query(
      `INSERT INTO ${quoted(table)} SELECT * FROM jsonb_populate_recordset(NULL::${quoted(table)}, $1::jsonb)`,
      [JSON.stringify(rows.map((entry) => entry.row))],
    );
    copied += rows.length;
  }
}

/**
 * Copies every table in one transaction on the target, so a failed move leaves it as it was.
 * Both sides must be migrated to the same version; the target's own `schema_migrations` rows
 * give way to the source's, so the history of when each migration ran moves too. Returns rows
 * per table.
 */
export async function copyAllTables(source: Db, target: Db): Promise<Map<string, number>> {
  const tables = await listTablesInDependencyOrder(target);
  const copied = new Map<string, number>();
  await target.transaction(async (tx) => {
    await tx.query('DELETE FROM schema_migrations');
    for (const table of tables) copied.set(table, await copyTable(source, tx, table));
  });
  return copied;
}

/** Per table: its row count and an MD5 over its rows' text in sorted order (time zone UTC), to compare two databases. */
export async function fingerprintTables(db: Db): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL TimeZone = 'UTC'");
    for (const table of await listTablesInDependencyOrder(tx)) {
      const [row] = await tx.query<{ count: number; digest: string | null }>(
        `SELECT count(*)::int AS count, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${quoted(table)} t`,
      );
      fingerprints[table] = `${row?.count ?? 0}:${row?.digest ?? ''}`;
    }
  });
  return fingerprints;
}

/** Whether the database holds no table of ours yet. */
export async function isEmptyDatabase(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public'");
  return row?.count === 0;
}
