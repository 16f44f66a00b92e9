import type { Db } from '../../server/db/db.js';

/** What a superuser reads off the pages of a table with pageinspect: every tuple, live or dead. */
export type RawTuple = { relation: string; ctid: string; xmin: string; xmax: string; cid: number; isLockOnly: boolean; data: Buffer };

/** Installs pageinspect in the test database (superuser; Debian ships it with the server). */
export async function enablePageinspect(db: Db): Promise<void> {
  await db.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
}

/** The tables of the app, and their TOAST tables, as pageinspect names them. */
export async function listHeapRelations(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 't') AND (n.nspname = 'public' OR c.oid IN (
       SELECT reltoastrelid FROM pg_class p JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE pn.nspname = 'public'))
     ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Every line pointer with tuple data on every page of `relation`, as heap_page_items shows it.
 * `isLockOnly`: the xmax is a row lock (HEAP_XMAX_LOCK_ONLY), such as a foreign-key check leaves
 * on the wave and unit rows a response refers to, not a deletion or update.
 */
export async function readRawTuples(db: Db, relation: string): Promise<RawTuple[]> {
  const rows = await db.query<{ ctid: string; xmin: string; xmax: string; cid: number; isLockOnly: boolean; data: Buffer }>(
    `SELECT '(' || b.blk || ',' || t.lp || ')' AS ctid, t.t_xmin::text AS xmin, t.t_xmax::text AS xmax, t.t_field3 AS cid,
            (t.t_infomask & 128) <> 0 AS "isLockOnly", t.t_data AS data
     FROM generate_series(0, (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int - 1) AS b(blk),
          LATERAL heap_page_items(get_raw_page($1::text, b.blk)) AS t
     WHERE t.t_data IS NOT NULL`,
    [relation],
  );
  return rows.map((row) => ({ relation, ...row }));
}

/**
 * Relations (tables, TOAST tables and indexes of the public schema) whose raw pages, free space
 * included, contain any of `needles`, except those named in `allowed`.
 */
export async function findRelationsHolding(db: Db, needles: readonly string[], allowed: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `WITH rels AS (
       SELECT c.oid::regclass::text AS name, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 't', 'i') AND pg_relation_size(c.oid) > 0
         AND (n.nspname = 'public' OR (n.nspname = 'pg_toast' AND c.relname ~ ('^pg_toast_(' || (
           SELECT string_agg(p.oid::text, '|') FROM pg_class p JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE pn.nspname = 'public') || ')(_index)?$'))))
     SELECT DISTINCT r.name FROM rels r,
       generate_series(0, (pg_relation_size(r.oid) / current_setting('block_size')::int)::int - 1) AS b(blk),
       unnest($1::text[]) AS needle
     WHERE NOT (r.name = ANY($2::text[])) AND position(convert_to(needle, 'UTF8') IN get_raw_page(r.name, b.blk)) > 0`,
    [[...needles], [...allowed]],
  );
  return rows.map((row) => row.name);
}

/** The block and line of a ctid such as "(3,17)", as one sortable number. */
export function ctidRank(ctid: string): number {
  const [page = '0', line = '0'] = ctid.replace(/[()]/g, '').split(',');
  return Number(page) * 100_000 + Number(line);
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length).fill(0);
  order.forEach((entry, rank) => {
    result[entry.index] = rank;
  });
  return result;
}

/**
 * Spearman's rank correlation of two equally long series without ties (ties take their order
 * of appearance). Under independence its SD is about 1/sqrt(n-1).
 */
export function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ra = ranks(a);
  const rb = ranks(b);
  const squared = ra.reduce((sum, rank, i) => sum + (rank - (rb[i] ?? 0)) ** 2, 0);
  return 1 - (6 * squared) / (n * (n * n - 1));
}
