import type { Queryable } from '../db/db.js';

export type InstrumentVersionRow = {
  id: string;
  instrumentKey: string;
  version: number;
  contentHash: string;
  definition: unknown;
};

const instrumentVersionColumns = `id, instrument_key AS "instrumentKey", version, content_hash AS "contentHash",
  definition`;

export async function findInstrumentVersionByKey(db: Queryable, key: string, version: number): Promise<InstrumentVersionRow | undefined> {
  const [row] = await db.query<InstrumentVersionRow>(
    `SELECT ${instrumentVersionColumns} FROM instrument_versions WHERE instrument_key = $1 AND version = $2`,
    [key, version],
  );
  return row;
}

export async function findInstrumentVersionById(db: Queryable, id: string): Promise<InstrumentVersionRow | undefined> {
  const [row] = await db.query<InstrumentVersionRow>(
    `SELECT ${instrumentVersionColumns} FROM instrument_versions WHERE id = $1`,
    [id],
  );
  return row;
}

export async function insertInstrumentVersion(
  db: Queryable,
  version: { key: string; version: number; audience: string; title: string; contentHash: string; definition: string },
): Promise<void> {
  await db.query(
    `INSERT INTO instrument_versions (instrument_key, version, audience, title, content_hash, definition)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (instrument_key, version) DO NOTHING`,
    [version.key, version.version, version.audience, version.title, version.contentHash, version.definition],
  );
}

export type InstrumentVersionListRow = { id: string; instrumentKey: string; version: number; title: string; audience: string };

/** Published versions a new wave may use: retired ones are kept for old waves but not offered. */
export async function findCurrentInstrumentVersions(db: Queryable): Promise<InstrumentVersionListRow[]> {
  return db.query<InstrumentVersionListRow>(
    `SELECT id, instrument_key AS "instrumentKey", version, title, audience
     FROM instrument_versions WHERE retired_at IS NULL
     ORDER BY instrument_key, version DESC`,
  );
}
