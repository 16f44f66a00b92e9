import type { Queryable } from '../db/db.js';

export type InstrumentVersionRow = {
  id: string;
  organizationId: string | null;
  instrumentKey: string;
  version: number;
  contentHash: string;
  isRetired: boolean;
  definition: unknown;
};

export type InstrumentVersionSummaryRow = {
  id: string;
  instrumentKey: string;
  version: number;
  audience: string;
  isRetired: boolean;
};

const instrumentVersionColumns = `id, organization_id AS "organizationId", instrument_key AS "instrumentKey", version,
  content_hash AS "contentHash", retired_at IS NOT NULL AS "isRetired", definition`;

/** `organizationId` null finds a built-in instrument from surveys/. */
export async function findInstrumentVersionByKey(
  db: Queryable, organizationId: string | null, key: string, version: number,
): Promise<InstrumentVersionRow | undefined> {
  const [row] = await db.query<InstrumentVersionRow>(
    `SELECT ${instrumentVersionColumns} FROM instrument_versions
     WHERE organization_id IS NOT DISTINCT FROM $1::uuid AND instrument_key = $2 AND version = $3`,
    [organizationId, key, version],
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

export async function findBuiltInInstrumentVersions(db: Queryable): Promise<InstrumentVersionSummaryRow[]> {
  return db.query<InstrumentVersionSummaryRow>(
    `SELECT id, instrument_key AS "instrumentKey", version, audience, retired_at IS NOT NULL AS "isRetired"
     FROM instrument_versions WHERE organization_id IS NULL ORDER BY instrument_key, version`,
  );
}

/** `titles`: the title by language, as the instrument's file gives it (null for a definition without one). */
export type InstrumentVersionListRow = { id: string; instrumentKey: string; version: number; title: string; titles: Record<string, string> | null; audience: string };

/**
 * Versions a new wave of this organization may use: the newest unretired version of each
 * built-in instrument and of each of its own. Older and retired ones are kept for old waves
 * but not offered, so a new wave never starts on a superseded version.
 */
export async function findCurrentInstrumentVersions(db: Queryable, organizationId: string): Promise<InstrumentVersionListRow[]> {
  return db.query<InstrumentVersionListRow>(
    `SELECT DISTINCT ON (organization_id, instrument_key) id, instrument_key AS "instrumentKey", version, title, definition->'title' AS titles, audience
     FROM instrument_versions
     WHERE retired_at IS NULL AND (organization_id IS NULL OR organization_id = $1)
     ORDER BY organization_id NULLS FIRST, instrument_key, version DESC`,
    [organizationId],
  );
}
export async function countInstrumentVersionsWithKey(db: Queryable, organizationId: string | null, key: string): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM instrument_versions WHERE organization_id IS NOT DISTINCT FROM $1::uuid AND instrument_key = $2',
    [organizationId, key],
  );
  return row?.count ?? 0;
}

export type NewInstrumentVersion = {
  organizationId: string | null;
  key: string;
  version: number;
  audience: string;
  title: string;
  contentHash: string;
  definition: string;
};

/** Inserts unless this owner already holds the key and version; the caller compares hashes. */
export async function insertInstrumentVersion(db: Queryable, version: NewInstrumentVersion): Promise<void> {
  const conflictTarget = version.organizationId === null
    ? '(instrument_key, version) WHERE organization_id IS NULL'
    : '(organization_id, instrument_key, version) WHERE organization_id IS NOT NULL';
  await db.query(
    `INSERT INTO instrument_versions (organization_id, instrument_key, version, audience, title, content_hash, definition)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT ${conflictTarget} DO NOTHING`,
    [version.organizationId, version.key, version.version, version.audience, version.title, version.contentHash, version.definition],
  );
}

/** Marks a version retired (once; the first retirement time stays) and returns its id. */
export async function updateInstrumentVersionRetired(
  db: Queryable, organizationId: string | null, key: string, version: number,
): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    `UPDATE instrument_versions SET retired_at = coalesce(retired_at, now())
     WHERE organization_id IS NOT DISTINCT FROM $1::uuid AND instrument_key = $2 AND version = $3
     RETURNING id`,
    [organizationId, key, version],
  );
  return row?.id;
}

/** `titles`: language -> title, as the file gave them (`title` is the stored one, in its first language). */
export type OwnInstrumentVersionRow = {
  id: string; instrumentKey: string; version: number; title: string; titles: Record<string, string>; audience: string; isRetired: boolean; createdAt: string;
};

/** An organization's own published versions, newest first within each instrument. */
export async function findOwnInstrumentVersions(db: Queryable, organizationId: string): Promise<OwnInstrumentVersionRow[]> {
  return db.query<OwnInstrumentVersionRow>(
    `SELECT id, instrument_key AS "instrumentKey", version, title, definition->'title' AS titles, audience, retired_at IS NOT NULL AS "isRetired", created_at::date::text AS "createdAt"
     FROM instrument_versions WHERE organization_id = $1
     ORDER BY instrument_key, version DESC`,
    [organizationId],
  );
}
