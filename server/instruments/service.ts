import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, Queryable } from '../db/db.js';
import { type Instrument, parseInstrument } from './definition.js';
import {
  findCurrentInstrumentVersions, findInstrumentVersionById, findInstrumentVersionByKey, insertInstrumentVersion, type InstrumentVersionListRow,
} from './queries.js';

export type PublishedInstrument = { id: string; instrument: Instrument };

const instrumentFilePattern = /^([a-z][a-z0-9-]*)\.v(\d+)\.json$/;

function contentHashOf(definition: string): string {
  return createHash('sha256').update(definition).digest('hex');
}

async function readInstrumentFile(dir: string, file: string): Promise<Instrument> {
  const where = path.join(path.basename(dir), file);
  const match = instrumentFilePattern.exec(file);
  if (!match) throw new Error(`${where}: instrument files are named <key>.v<version>.json`);
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = parseInstrument(json);
  if (!parsed.ok) {
    throw new Error(`${where}: ${parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  }
  const { instrument } = parsed;
  if (instrument.key !== match[1] || instrument.version !== Number(match[2])) {
    throw new Error(`${where}: key and version must match the file name (found ${instrument.key} v${instrument.version})`);
  }
  return instrument;
}

/**
 * Publishes every instrument file in `dir` that the database does not hold yet. A published
 * version never changes: a file whose content differs from its published version stops the start.
 */
export async function publishInstrumentFiles(db: Db, dir: string): Promise<PublishedInstrument[]> {
  const files = (await fs.readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const published: PublishedInstrument[] = [];
  for (const file of files) {
    const instrument = await readInstrumentFile(dir, file);
    const { questions: _derived, ...stored } = instrument;
    const definition = JSON.stringify(stored);
    const contentHash = contentHashOf(definition);
    const id = await db.transaction(async (tx) => {
      await insertInstrumentVersion(tx, {
        key: instrument.key, version: instrument.version, audience: instrument.audience,
        title: instrument.title.en ?? instrument.key, contentHash, definition,
      });
      const row = await findInstrumentVersionByKey(tx, instrument.key, instrument.version);
      if (row?.contentHash !== contentHash) {
        throw new Error(`${path.basename(dir)}/${file}: version ${instrument.version} of ${instrument.key} is already published with other content; save the change as version ${instrument.version + 1}`);
      }
      return row.id;
    });
    published.push({ id, instrument });
  }
  return published;
}

// Published versions are immutable, so a parsed copy can be kept for the life of the process.
const parsedVersions = new WeakMap<Queryable, Map<string, Instrument>>();

export async function getInstrumentVersion(db: Queryable, id: string): Promise<Instrument | undefined> {
  const cache = parsedVersions.get(db) ?? new Map<string, Instrument>();
  parsedVersions.set(db, cache);
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await findInstrumentVersionById(db, id);
  if (!row) return undefined;
  const parsed = parseInstrument(row.definition);
  if (!parsed.ok) throw new Error(`instrument version ${id} in the database no longer parses`);
  cache.set(id, parsed.instrument);
  return parsed.instrument;
}

export async function listInstrumentVersions(db: Queryable): Promise<InstrumentVersionListRow[]> {
  return findCurrentInstrumentVersions(db);
}
