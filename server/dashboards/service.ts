import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import { type Db, isConcurrentWrite, type Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import type { Instrument } from '../instruments/definition.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { listUnits } from '../organizations/service.js';
import type { WaveRow } from '../waves/queries.js';
import { isClosedOn } from '../waves/schedule.js';
import { countResponsesOfWaves, getWave, listClosedWavesNotCovered, listWaves } from '../waves/service.js';
import {
  type CellCountRow, correlateDrivers, decideWaveFigures, type GroupSelector, isInGroup, ratingItems, roleValues, type WaveFigures,
} from './assemble.js';
import { type CellAggregates, type PackedCell, packCells, unpackCells } from './cells.js';
import { buildDashboard, type Dashboard } from './model.js';
import {
  aggregateScoresByCell, countInvitationsByUnit, countItemValuesByCell, countRespondentsByCell, findAggregateCoverage, findClosedWaveAggregates,
  insertHiddenComment, sampleVisibleComments, upsertClosedWaveAggregates,
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

/** A page lists at most this many comments, drawn at random on each view. */
const commentSampleSize = 200;

/**
 * Computes a closed wave's cell aggregates in the database and stores them with the response
 * count they cover. One REPEATABLE READ snapshot holds for the counts and every aggregate, so a
 * response committed meanwhile (one sent as the wave closed) cannot be in some and not others.
 */
async function summarizeWave(db: Db, wave: WaveRow, instrument: Instrument): Promise<CellAggregates> {
  const computed: { cells?: PackedCell[] } = {};
  try {
    await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const counts = await countRespondentsByCell(tx, wave.id);
      computed.cells = packCells({
        counts,
        bins: await aggregateScoresByCell(tx, wave.id, instrument.scale.max, instrument.outcomeQuestion ?? null),
        items: await countItemValuesByCell(tx, wave.id, ratingItems(instrument)),
      });
      await upsertClosedWaveAggregates(tx, wave.id, responsesIn(counts), computed.cells);
    });
  } catch (error) {
    // Another process stored the same wave's aggregates at the same moment; these are as good.
    if (!computed.cells || !isConcurrentWrite(error)) throw error;
  }
  // Read back as later views will, so every view adds the same sums in the same order.
  return unpackCells(computed.cells ?? []);
}

/**
 * A closed wave takes no responses, so its aggregates are computed once (when it closes, see
 * summarizeClosedWave) and every view reads them back. They are computed again only when the
 * wave holds another number of responses than they cover (it was reopened and answered);
 * counting is an index-only scan, far cheaper than any aggregate.
 */
async function loadCellAggregates(db: Db, wave: WaveRow, instrument: Instrument): Promise<CellAggregates> {
  const stored = await findClosedWaveAggregates(db, wave.id);
  const responsesOf = await countResponsesOfWaves(db, [wave.id]);
  if (stored && stored.responses === responsesOf(wave.id)) return unpackCells(stored.cells);
  return summarizeWave(db, wave, instrument);
}

function responsesIn(counts: readonly CellCountRow[]): number {
  return counts.reduce((sum, row) => sum + row.n, 0);
}

/**
 * One wave's figures, every group decided by the disclosure module; aggregates come from SQL.
 * An open wave shows participation only, so only its counts are read. Items are decided only
 * for the wave on the page, not for the waves it is compared with.
 */
async function loadFigures(db: Db, wave: WaveRow, instrument: Instrument, unitIds: string[], withItems = true): Promise<{ figures: WaveFigures; aggregates: CellAggregates }> {
  const aggregates = isClosed(wave) ? await loadCellAggregates(db, wave, instrument) : { counts: await countRespondentsByCell(db, wave.id), bins: [], items: [] };
  return { figures: decideWaveFigures(instrument, wave.minGroupSize, unitIds, withItems ? aggregates : { ...aggregates, items: [] }), aggregates };
}

/** Computes and stores the aggregates of a wave that has just closed, so its first dashboard view reads them. */
export async function summarizeClosedWave(db: Db, organizationId: string, waveId: string): Promise<void> {
  const wave = await getWave(db, organizationId, waveId);
  if (isClosed(wave)) await summarizeWave(db, wave, await requireInstrument(db, wave));
}

/** The sweep's step: stores aggregates for every closed wave without current ones; returns how many. */
export async function summarizeClosedWaves(db: Db): Promise<number> {
  const stale = await listClosedWavesNotCovered(db, await findAggregateCoverage(db));
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

/**
 * The dashboard of one wave of this organization, for the whole wave or one unit or role group.
 * Another organization's wave is "not found"; every figure passes the disclosure module.
 */
export async function loadDashboard(db: Db, organizationId: string, waveId: string, filter: DashboardFilter): Promise<Dashboard> {
  const wave = await getWave(db, organizationId, waveId);
  const instrument = await requireInstrument(db, wave);
  const units = await listUnits(db, organizationId);
  const unitIds = units.map((unit) => unit.id);
  const group = checkFilter(filter, unitIds, roleValues(instrument));
  const { figures, aggregates: { counts, bins } } = await loadFigures(db, wave, instrument, unitIds);
  const closed = isClosed(wave);
  const { previous, companion } = findRelatedWaves(await listWaves(db, organizationId), wave);
  const loadRelated = async (related: WaveRow | undefined) => {
    if (!related || !closed) return null;
    const relatedInstrument = await requireInstrument(db, related);
    return { name: related.name, instrument: relatedInstrument, figures: (await loadFigures(db, related, relatedInstrument, unitIds, false)).figures };
  };
  return buildDashboard({
    wave: { id: wave.id, name: wave.name, k: wave.minGroupSize, commentThreshold: wave.commentThreshold, isClosed: closed, instrumentTitle: wave.instrumentTitle },
    instrument,
    units: units.map((unit) => ({ id: unit.id, label: unit.name })),
    filter: group,
    figures,
    rawTotals: { total: counts.reduce((sum, row) => sum + row.n, 0), group: counts.filter((row) => isInGroup(row, group)).reduce((sum, row) => sum + row.n, 0) },
    invitedByUnit: new Map((await countInvitationsByUnit(db, wave.id)).map((row) => [row.unitId, row.invited])),
    previous: await loadRelated(previous),
    companion: await loadRelated(companion),
    drivers: correlateDrivers(bins, group),
    comments: closed ? await sampleVisibleComments(db, wave.id, instrument.comments, { unitId: group.unitId ?? null, role: group.role ?? null }, commentSampleSize) : [],
    commentLimit: commentSampleSize,
  });
}

/** Hides one comment from the dashboard (never edits it); the hiding is audited. */
export async function hideComment(db: Db, actor: Staff, organizationId: string, waveId: string, comment: { responseId: string; question: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    const instrument = await requireInstrument(tx, wave);
    if (!instrument.comments.includes(comment.question)) {
      throw new AppError('invalid_input', 'question: not a comment question of this wave', [{ path: 'question', message: 'not a comment question of this wave' }]);
    }
    const isHidden = await insertHiddenComment(tx, { ...comment, waveId, accountId: actor.accountId });
    if (!isHidden) {
      throw new AppError('invalid_input', 'responseId: no such comment in this wave, or it is already hidden', [{ path: 'responseId', message: 'no such comment in this wave, or it is already hidden' }]);
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'comment.hidden', target: wave.name, details: { question: comment.question } });
  });
}
