import { type Db, isConcurrentWrite, type Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import type { Instrument } from '../instruments/definition.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { listUnits } from '../organizations/service.js';
import type { WaveRow } from '../waves/queries.js';
import { isClosedOn } from '../waves/schedule.js';
import { countResponsesOfWaves, getWave, listClosedWavesNotCovered, listWaves, listWaveUnits, recordRelease } from '../waves/service.js';
import {
  type CellCountRow, correlateDrivers, decideWaveFigures, type GroupSelector, ratingItems, roleValues, type WaveFigures,
} from './assemble.js';
import { type CellAggregates, packCells, unpackCells } from './cells.js';
import { buildDashboard, buildOpenDashboard, type Dashboard, type Reader } from './model.js';
import { loadComments } from './comments/service.js';
import {
  aggregateScoresByCell, countInvitationsByUnit, countItemValuesByCell, countRespondentsByCell, findAggregateCoverage, findClosedWaveAggregates,
  type StoredAggregates, upsertClosedWaveAggregates,
} from './queries.js';
import type { DashboardFilter } from './schema.js';

function isClosed(wave: WaveRow): boolean {
  return isClosedOn(wave, wave.today);
}

async function requireInstrument(db: Queryable, wave: WaveRow): Promise<Instrument> {
  const instrument = await getInstrumentVersion(db, wave.instrumentVersionId);
  if (!instrument) throw new Error(`wave ${wave.id} names a missing instrument version`);
  return instrument;
}

/** A page lists at most this many comments; search and themes read a random pool of at most `commentPoolSize`, drawn anew on each view. */
const commentSampleSize = 200;
const commentPoolSize = 1000;

/** A closed wave's stored aggregates and the units (id and name) it had when it closed. */
type ClosedWaveResults = { aggregates: CellAggregates; units: UnitRef[] };
export type UnitRef = { id: string; name: string };

/**
 * Computes a closed wave's cell aggregates in the database and stores them with the response
 * count they cover and the units of the moment. One REPEATABLE READ snapshot holds for the
 * counts and every aggregate, so a response committed meanwhile (one sent as the wave closed)
 * cannot be in some and not others. A wave whose results were shown keeps what it had.
 */
async function summarizeWave(db: Db, organizationId: string, wave: WaveRow, instrument: Instrument): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const counts = await countRespondentsByCell(tx, wave.id);
      // The wave's units, and any unit that holds its responses (a unit removed from a draft, a wave from before wave_units).
      const taking = new Set([...(await listWaveUnits(tx, organizationId, wave.id)).map((unit) => unit.id), ...counts.map((row) => row.unitId)]);
      const units = (await listUnits(tx, organizationId)).filter((unit) => taking.has(unit.id)).map((unit) => ({ id: unit.id, name: unit.name }));
      const cells = packCells({
        counts,
        bins: await aggregateScoresByCell(tx, wave.id, instrument.scale.max, instrument.outcomeQuestion ?? null),
        items: await countItemValuesByCell(tx, wave.id, ratingItems(instrument)),
      });
      await upsertClosedWaveAggregates(tx, wave.id, { responses: responsesIn(counts), cells, units });
    });
  } catch (error) {
    // Another process stored the same wave's aggregates at the same moment; these are as good.
    if (!isConcurrentWrite(error)) throw error;
  }
}

/**
 * A closed wave's results are computed once (when it closes, see summarizeClosedWave) and every
 * view reads back the stored copy, so every view adds the same sums in the same order over the
 * same units. They are computed again only while nothing has been shown and the wave holds
 * another number of responses than they cover (it was reopened and answered).
 */
async function loadClosedWaveResults(db: Db, organizationId: string, wave: WaveRow, instrument: Instrument): Promise<ClosedWaveResults> {
  const isCurrent = async (stored: StoredAggregates | undefined): Promise<boolean> => stored !== undefined
    && stored.units.length > 0 && (wave.releasedOn !== null || stored.responses === (await countResponsesOfWaves(db, [wave.id]))(wave.id));
  let stored = await findClosedWaveAggregates(db, wave.id);
  if (!await isCurrent(stored)) {
    await summarizeWave(db, organizationId, wave, instrument);
    stored = await findClosedWaveAggregates(db, wave.id);
  }
  if (!stored) throw new Error(`closed wave ${wave.id} has no stored results`);
  return { aggregates: unpackCells(stored.cells), units: stored.units };
}

function sumByUnit(counts: readonly CellCountRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of counts) totals.set(row.unitId, (totals.get(row.unitId) ?? 0) + row.n);
  return totals;
}

function responsesIn(counts: readonly CellCountRow[]): number {
  return counts.reduce((sum, row) => sum + row.n, 0);
}

/** Unit ids in an order no name decides, so that a rename never changes a suppression choice. */
function sortIds(units: readonly UnitRef[]): string[] {
  return units.map((unit) => unit.id).sort();
}

/**
 * A closed wave's figures, every group decided by the disclosure module over the units it had
 * when it closed; items are decided only for the wave on the page, not for compared waves.
 */
async function loadClosedFigures(db: Db, organizationId: string, wave: WaveRow, instrument: Instrument, withItems = true): Promise<{ figures: WaveFigures } & ClosedWaveResults> {
  const results = await loadClosedWaveResults(db, organizationId, wave, instrument);
  const rows = withItems ? results.aggregates : { ...results.aggregates, items: [] };
  return { ...results, figures: decideWaveFigures(instrument, wave.minGroupSize, sortIds(results.units), rows) };
}

/**
 * A closed wave's final figures and the units it had at its close, for another surface (the
 * exports) to show exactly what the dashboard shows. Showing them makes the wave final.
 */
export async function loadReleasedFigures(db: Db, organizationId: string, wave: WaveRow): Promise<{ figures: WaveFigures; units: UnitRef[]; instrument: Instrument }> {
  if (!isClosed(wave)) throw new AppError('invalid_state', `${wave.name} is still open: results and downloads come once it closes.`);
  const instrument = await requireInstrument(db, wave);
  const { figures, units } = await loadClosedFigures(db, organizationId, wave, instrument);
  await recordRelease(db, wave.id);
  return { figures, units, instrument };
}

/** Computes and stores the results of a wave that has just closed, so its first view reads them. */
export async function summarizeClosedWave(db: Db, organizationId: string, waveId: string): Promise<void> {
  const wave = await getWave(db, organizationId, waveId);
  if (isClosed(wave)) await summarizeWave(db, organizationId, wave, await requireInstrument(db, wave));
}

/** The sweep's step: stores results for every closed wave without current ones (a shown wave's are final); returns how many. */
export async function summarizeClosedWaves(db: Db): Promise<number> {
  const stale = (await listClosedWavesNotCovered(db, await findAggregateCoverage(db))).filter((wave) => !wave.isReleased);
  for (const { organizationId, waveId } of stale) await summarizeClosedWave(db, organizationId, waveId);
  return stale.length;
}

/** Refuses an unknown unit or role without naming anything of another organization. */
function checkFilter(filter: DashboardFilter, unitIds: readonly string[], roles: readonly string[]): GroupSelector {
  if (filter.unit !== undefined && !unitIds.includes(filter.unit)) {
    throw new AppError('invalid_input', 'unit: not a unit of this organization', [{ path: 'unit', message: 'not a unit of this organization' }]);
  }
  if (filter.role !== undefined && !roles.includes(filter.role)) {
    throw new AppError('invalid_input', `role: must be one of ${roles.join(', ')}`, [{ path: 'role', message: `must be one of ${roles.join(', ')}` }]);
  }
  return { ...(filter.unit ? { unitId: filter.unit } : {}), ...(filter.role ? { role: filter.role } : {}) };
}

/** The closed wave before this one with the same instrument, and the latest closed wave of the other audience. */
function findRelatedWaves(waves: readonly WaveRow[], wave: WaveRow): { previous: WaveRow | undefined; companion: WaveRow | undefined } {
  const closedOthers = waves.filter((candidate) => candidate.id !== wave.id && isClosed(candidate));
  const previous = closedOthers
    .filter((candidate) => candidate.instrumentKey === wave.instrumentKey && candidate.createdAt < wave.createdAt)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const companion = closedOthers
    .filter((candidate) => candidate.audience !== wave.audience)
    .sort((a, b) => Math.abs(Date.parse(a.createdAt) - Date.parse(wave.createdAt)) - Math.abs(Date.parse(b.createdAt) - Date.parse(wave.createdAt)))[0];
  return { previous, companion };
}

/** A trend reads at most this many closed waves, the latest. */
const trendWaveLimit = 12;

/** The closed waves of this wave's instrument, oldest first, the latest `trendWaveLimit`. */
function listTrendWaves(waves: readonly WaveRow[], wave: WaveRow): WaveRow[] {
  return waves.filter((candidate) => candidate.instrumentKey === wave.instrumentKey && isClosed(candidate))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(-trendWaveLimit);
}

/**
 * The dashboard of one wave of this organization, for the whole wave or one unit or role group.
 * Another organization's wave is "not found"; every figure passes the disclosure module. A
 * closed wave is read from its final results, over the units it had when it closed, and from
 * this view on it is final (it can no longer be reopened). An open wave shows participation only.
 * Its words and instrument names are in the `reader`'s language; its figures are the same in every language.
 */
export async function loadDashboard(db: Db, organizationId: string, waveId: string, filter: DashboardFilter, reader: Reader): Promise<Dashboard> {
  const wave = await getWave(db, organizationId, waveId);
  const instrument = await requireInstrument(db, wave);
  const base = { wave: { id: wave.id, name: wave.name, k: wave.minGroupSize, commentThreshold: wave.commentThreshold, instrumentTitle: wave.instrumentTitle }, instrument };
  if (!isClosed(wave)) {
    const units = await listWaveUnits(db, organizationId, wave.id);
    checkFilter(filter, units.map((unit) => unit.id), roleValues(instrument));
    return buildOpenDashboard({ ...base, units: units.map((unit) => ({ id: unit.id, label: unit.name })), counts: await countRespondentsByCell(db, wave.id) }, reader);
  }
  const { figures, aggregates: { counts, bins }, units } = await loadClosedFigures(db, organizationId, wave, instrument);
  const group = checkFilter(filter, units.map((unit) => unit.id), roleValues(instrument));
  await recordRelease(db, wave.id);
  const waves = await listWaves(db, organizationId);
  const { previous, companion } = findRelatedWaves(waves, wave);
  // The previous wave's items are decided too: its % favorable (pooled over items) gives the change.
  const loadRelated = async (related: WaveRow | undefined, withItems: boolean) => {
    if (!related) return null;
    const relatedInstrument = await requireInstrument(db, related);
    await recordRelease(db, related.id);
    return { id: related.id, name: related.name, instrument: relatedInstrument, figures: (await loadClosedFigures(db, organizationId, related, relatedInstrument, withItems)).figures };
  };
  const trendWaves = [];
  for (const closed of listTrendWaves(waves, wave)) {
    trendWaves.push(closed.id === wave.id ? { id: wave.id, name: wave.name, instrument, figures } : await loadRelated(closed, false));
  }
  return buildDashboard({
    ...base,
    units: units.map((unit) => ({ id: unit.id, label: unit.name })),
    filter: group,
    figures,
    unitTotals: sumByUnit(counts),
    invitedByUnit: new Map((await countInvitationsByUnit(db, wave.id)).map((row) => [row.unitId, row.invited])),
    previous: await loadRelated(previous, true),
    companion: await loadRelated(companion, false),
    trendWaves: trendWaves.filter((entry) => entry !== null),
    drivers: correlateDrivers(bins, group),
    comments: group.role === undefined ? await loadComments(db, wave.id, instrument.comments, group.unitId ?? null, commentPoolSize) : [],
    commentLimit: commentSampleSize,
    commentPoolLimit: commentPoolSize,
    commentQuery: { search: filter.q ?? '', theme: filter.theme ?? null },
  }, reader);
}
