import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import type { Instrument } from '../instruments/definition.js';
import { getInstrumentVersion } from '../instruments/service.js';
import { listUnits } from '../organizations/service.js';
import type { WaveRow } from '../waves/queries.js';
import { isClosedOn } from '../waves/schedule.js';
import { getWave, listWaves } from '../waves/service.js';
import { type CellCountRow, decideWaveFigures, type GroupSelector, type ItemValueRow, ratingItems, roleValues, type ScoreBinRow, type WaveFigures } from './assemble.js';
import { buildDashboard, type Dashboard } from './model.js';
import {
  aggregateScoresByCell, correlateScoresWithOutcome, countInvitationsByUnit, countItemValuesByCell, countRespondentsByCell,
  insertHiddenComment, sampleVisibleComments,
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

type CellAggregates = { bins: ScoreBinRow[]; items: ItemValueRow[] };

// A closed wave takes no responses, so its aggregates stay valid until it reopens or its
// response count changes; both are part of every key. Kept per database, a few dozen at most.
const closedWaveResults = new WeakMap<Queryable, Map<string, Promise<unknown>>>();
const cachedResultsPerDatabase = 50;

function closedWaveKey(wave: WaveRow, responses: number, part: string): string {
  return `${wave.id}|${wave.status}|${String(wave.closesOn)}|${responses}|${part}`;
}

function rememberForClosedWave<T>(db: Queryable, key: string, load: () => Promise<T>): Promise<T> {
  const cache = closedWaveResults.get(db) ?? new Map<string, Promise<unknown>>();
  closedWaveResults.set(db, cache);
  const cached = cache.get(key) as Promise<T> | undefined;
  if (cached) return cached;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  if (cache.size > cachedResultsPerDatabase) cache.delete(cache.keys().next().value ?? key);
  return loading;
}

async function aggregateCells(db: Queryable, wave: WaveRow, instrument: Instrument, withItems: boolean): Promise<CellAggregates> {
  const [bins, items] = await Promise.all([
    aggregateScoresByCell(db, wave.id, instrument.scale.max),
    withItems ? countItemValuesByCell(db, wave.id, ratingItems(instrument)) : Promise.resolve([]),
  ]);
  return { bins, items };
}

function responsesIn(counts: readonly CellCountRow[]): number {
  return counts.reduce((sum, row) => sum + row.n, 0);
}

/**
 * One wave's figures, every group decided by the disclosure module; aggregates come from SQL.
 * An open wave shows participation only, so only its counts are read; items are read only for
 * the wave on the page, not for the waves it is compared with.
 */
async function loadFigures(db: Queryable, wave: WaveRow, instrument: Instrument, unitIds: string[], withItems: boolean): Promise<{ figures: WaveFigures; counts: CellCountRow[] }> {
  const counts = await countRespondentsByCell(db, wave.id);
  const { bins, items } = isClosed(wave)
    ? await rememberForClosedWave(db, closedWaveKey(wave, responsesIn(counts), `cells:${String(withItems)}`), () => aggregateCells(db, wave, instrument, withItems))
    : { bins: [], items: [] };
  return { figures: decideWaveFigures(instrument, wave.minGroupSize, unitIds, { counts, bins, items }), counts };
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
  const { figures, counts } = await loadFigures(db, wave, instrument, unitIds, true);
  const closed = isClosed(wave);
  const { previous, companion } = findRelatedWaves(await listWaves(db, organizationId), wave);
  const loadRelated = async (related: WaveRow | undefined) => {
    if (!related || !closed) return null;
    const relatedInstrument = await requireInstrument(db, related);
    return { name: related.name, instrument: relatedInstrument, figures: (await loadFigures(db, related, relatedInstrument, unitIds, false)).figures };
  };
  const isMember = (row: { unitId: string; roleGroup: string | null }) =>
    (group.unitId === undefined || row.unitId === group.unitId) && (group.role === undefined || row.roleGroup === group.role);
  const outcome = instrument.outcomeQuestion;
  return buildDashboard({
    wave: { id: wave.id, name: wave.name, k: wave.minGroupSize, commentThreshold: wave.commentThreshold, isClosed: closed, instrumentTitle: wave.instrumentTitle },
    instrument,
    units: units.map((unit) => ({ id: unit.id, label: unit.name })),
    filter: group,
    figures,
    rawTotals: { total: counts.reduce((sum, row) => sum + row.n, 0), group: counts.filter(isMember).reduce((sum, row) => sum + row.n, 0) },
    invitedByUnit: new Map((await countInvitationsByUnit(db, wave.id)).map((row) => [row.unitId, row.invited])),
    previous: await loadRelated(previous),
    companion: await loadRelated(companion),
    drivers: closed && outcome
      ? await rememberForClosedWave(db, closedWaveKey(wave, responsesIn(counts), `drivers:${group.unitId ?? ''}:${group.role ?? ''}`),
        () => correlateScoresWithOutcome(db, wave.id, outcome, { unitId: group.unitId ?? null, role: group.role ?? null }))
      : [],
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
