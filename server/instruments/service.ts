import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { memoizeByObject } from '../memo.js';
import { findOrganization } from '../organizations/service.js';
import { type DefinitionProblem, describeProblems, type Instrument, parseInstrument, parseInstrumentText } from './definition.js';
import { asErrorDetails, problemAt } from './problems.js';
import {
  countInstrumentVersionsWithKey, findBuiltInInstrumentVersions, findCurrentInstrumentVersions, findInstrumentVersionById,
  findInstrumentVersionByKey, findOwnInstrumentVersions, insertInstrumentVersion, type InstrumentVersionListRow, type InstrumentVersionSummaryRow,
  type OwnInstrumentVersionRow,
  updateInstrumentVersionRetired,
} from './queries.js';

export type PublishedInstrument = { id: string; instrument: Instrument };
export type ImportedInstrument = PublishedInstrument & { isNew: boolean };

const instrumentFilePattern = /^([a-z][a-z0-9-]*)\.v(\d+)\.json$/;

function contentHashOf(definition: string): string {
  return createHash('sha256').update(definition).digest('hex');
}

async function readInstrumentFile(dir: string, file: string): Promise<Instrument> {
  const where = path.join(path.basename(dir), file);
  const match = instrumentFilePattern.exec(file);
  if (!match) throw new Error(`${where}: instrument files are named <key>.v<version>.json`);
  const parsed = parseInstrumentText(await fs.readFile(path.join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(describeProblems(where, parsed.problems));
  const { instrument } = parsed;
  if (instrument.key !== match[1] || instrument.version !== Number(match[2])) {
    throw new Error(`${where}: key and version must match the file name (found ${instrument.key} v${instrument.version})`);
  }
  return instrument;
}

/** The JSON stored for a version: the file as parsed, without the question list derived from it. */
function storedDefinition(instrument: Instrument): string {
  const { questions: _derived, ...stored } = instrument;
  return JSON.stringify(stored);
}

/**
 * Stores a version for its owner unless it is already there. A published version never
 * changes: the same key and version with other content returns undefined for the caller to refuse.
 */
async function storeInstrumentVersion(db: Db, organizationId: string | null, instrument: Instrument): Promise<{ id: string; isNew: boolean } | undefined> {
  const definition = storedDefinition(instrument);
  const contentHash = contentHashOf(definition);
  return db.transaction(async (tx) => {
    const existing = await findInstrumentVersionByKey(tx, organizationId, instrument.key, instrument.version);
    if (!existing) {
      await insertInstrumentVersion(tx, {
        organizationId, key: instrument.key, version: instrument.version, audience: instrument.audience,
        title: instrument.title.en ?? instrument.key, contentHash, definition,
      });
    }
    const row = existing ?? await findInstrumentVersionByKey(tx, organizationId, instrument.key, instrument.version);
    return row?.contentHash === contentHash ? { id: row.id, isNew: !existing } : undefined;
  });
}

const changedVersion = (instrument: Instrument): DefinitionProblem => problemAt('version',
  'version {version} of {key} is already published with other content; save the change as version {next}',
  { version: instrument.version, key: instrument.key, next: instrument.version + 1 });
const builtInKey = (instrument: Instrument): DefinitionProblem => problemAt('key', '"{key}" is the key of a built-in instrument; choose another', { key: instrument.key });

/**
 * Publishes every instrument file in `dir` that the database does not hold yet. A file whose
 * content differs from its published version stops the start.
 */
export async function publishInstrumentFiles(db: Db, dir: string): Promise<PublishedInstrument[]> {
  const files = (await fs.readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const published: PublishedInstrument[] = [];
  for (const file of files) {
    const instrument = await readInstrumentFile(dir, file);
    const stored = await storeInstrumentVersion(db, null, instrument);
    if (!stored) throw new Error(`${path.basename(dir)}/${file}: ${changedVersion(instrument).message}`);
    published.push({ id: stored.id, instrument });
  }
  return published;
}

function rejectImport(fileName: string, problems: readonly DefinitionProblem[]): AppError {
  return new AppError('invalid_input', `The instrument was not imported. ${describeProblems(fileName, problems)}`, asErrorDetails(problems));
}

export type UploadCheck =
  | { ok: true; instrument: Instrument; isPublished: boolean }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Checks an organization's instrument file as an import would, storing nothing: the file
 * itself, a key taken by a built-in instrument, and a version already published with other
 * content. `isPublished` says the same content is already there (publishing changes nothing).
 */
export async function checkInstrumentUpload(db: Queryable, organizationId: string, jsonText: string): Promise<UploadCheck> {
  const parsed = parseInstrumentText(jsonText);
  if (!parsed.ok) return parsed;
  const { instrument } = parsed;
  if ((await countInstrumentVersionsWithKey(db, null, instrument.key)) > 0) {
    return { ok: false, problems: [builtInKey(instrument)] };
  }
  const existing = await findInstrumentVersionByKey(db, organizationId, instrument.key, instrument.version);
  if (existing && existing.contentHash !== contentHashOf(storedDefinition(instrument))) {
    return { ok: false, problems: [changedVersion(instrument)] };
  }
  return { ok: true, instrument, isPublished: existing !== undefined };
}

/** Every version this organization imported, retired ones included. */
export async function listOwnInstrumentVersions(db: Queryable, organizationId: string): Promise<OwnInstrumentVersionRow[]> {
  return findOwnInstrumentVersions(db, organizationId);
}

/**
 * Imports an organization's own instrument (SurveyJS JSON plus metadata). Invalid JSON,
 * unknown question types, metadata naming a missing question, a built-in key, or a changed
 * published version are refused with the file and field named, and nothing is stored.
 * Importing the same file again returns the stored version.
 */
export async function importInstrument(db: Db, organizationId: string, fileName: string, jsonText: string): Promise<ImportedInstrument> {
  if (!(await findOrganization(db, organizationId))) throw new AppError('not_found', `There is no organization ${organizationId}.`);
  const parsed = parseInstrumentText(jsonText);
  if (!parsed.ok) throw rejectImport(fileName, parsed.problems);
  const { instrument } = parsed;
  if ((await countInstrumentVersionsWithKey(db, null, instrument.key)) > 0) {
    throw rejectImport(fileName, [builtInKey(instrument)]);
  }
  const stored = await storeInstrumentVersion(db, organizationId, instrument);
  if (!stored) throw rejectImport(fileName, [changedVersion(instrument)]);
  return { id: stored.id, instrument, isNew: stored.isNew };
}

/** A manager publishes their organization's instrument from the browser: the import above, audited. */
export async function publishOwnInstrument(db: Db, actor: Staff, organizationId: string, jsonText: string): Promise<ImportedInstrument> {
  const imported = await importInstrument(db, organizationId, 'uploaded file', jsonText);
  if (imported.isNew) {
    await recordAuditEvent(db, {
      accountId: actor.accountId, organizationId, action: 'instrument.published', target: imported.instrument.key, details: { version: imported.instrument.version },
    });
  }
  return imported;
}

/**
 * Retires a version: its waves stop taking answers (410 instrument_retired) and it stays
 * readable for results and codebooks. `organizationId` null names a built-in instrument.
 */
export async function retireInstrumentVersion(db: Queryable, organizationId: string | null, key: string, version: number): Promise<string> {
  const id = await updateInstrumentVersionRetired(db, organizationId, key, version);
  if (!id) throw new AppError('not_found', `There is no published version ${version} of instrument ${key}.`);
  return id;
}

// Published versions are immutable, so a parsed copy can be kept for the life of the process.
// Whether a version is retired changes, so it is never cached.
const parsedVersions = memoizeByObject((_db: Queryable) => new Map<string, Instrument>());

export async function getInstrumentVersion(db: Queryable, id: string): Promise<Instrument | undefined> {
  const cache = parsedVersions(db);
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await findInstrumentVersionById(db, id);
  if (!row) return undefined;
  const parsed = parseInstrument(row.definition);
  if (!parsed.ok) throw new Error(`instrument version ${id} in the database no longer parses`);
  cache.set(id, parsed.instrument);
  return parsed.instrument;
}

/** Versions a new wave of this organization may use: built-in ones and its own, none retired. */
export async function listInstrumentVersions(db: Queryable, organizationId: string): Promise<InstrumentVersionListRow[]> {
  return findCurrentInstrumentVersions(db, organizationId);
}

export type BuiltInVersion = InstrumentVersionSummaryRow & { instrument: Instrument };

/** Every built-in version with its definition, for the public catalogue. */
export async function listBuiltInInstruments(db: Queryable): Promise<BuiltInVersion[]> {
  const rows = await findBuiltInInstrumentVersions(db);
  return Promise.all(rows.map(async (row) => {
    const instrument = await getInstrumentVersion(db, row.id);
    if (!instrument) throw new Error(`instrument version ${row.id} disappeared`);
    return { ...row, instrument };
  }));
}

/** A built-in version for its public codebook; organizations' own versions are not public. */
export async function loadPublicInstrumentVersion(db: Queryable, id: string): Promise<{ id: string; isRetired: boolean; instrument: Instrument }> {
  const row = await findInstrumentVersionById(db, id);
  const instrument = row?.organizationId === null ? await getInstrumentVersion(db, id) : undefined;
  if (!row || !instrument) throw new AppError('not_found', 'There is no published instrument version at this address.');
  return { id, isRetired: row.isRetired, instrument };
}
