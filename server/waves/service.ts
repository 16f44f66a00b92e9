import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { generateToken } from '../http/tokens.js';
import type { UnitRow } from '../organizations/queries.js';
import { getOrganization, listUnits } from '../organizations/service.js';
import { getInstrumentVersion, listInstrumentVersions } from '../instruments/service.js';
import { decideRespondents } from '../dashboards/assemble.js';
import type { WaveDisclosure } from '../disclosure/suppress.js';
import { countInvitations, findInvitation } from './invitations/service.js';
import {
  type ClosedWaveCountRow, countResponsesByCell, countResponsesByWave, findClosedWavesWithResponseCounts, findLinksByOrganization, findOpenLinkByCode, findWaveById, findWaveLinks,
  findWavesByOrganization, insertWave, insertWaveLink, type LinkListRow, type NewWaveRow, type SurveyLinkRow, updateExpiredWavesToClosed,
  updateWaveCommentExport, updateWaveSchedule, updateWaveStatus, updateWaveThresholds, type WaveRow,
} from './queries.js';
import type { Distribution, UnitCount } from './response-rate.js';
import { checkSchedule } from './schedule.js';

export type UnitLink = { unitId: string; unitName: string; code: string };

/** 128 random bits: a link code cannot be guessed or enumerated. */
export function generateLinkCode(): string {
  return generateToken(16);
}

async function addOpenLinks(tx: Queryable, waveId: string, units: readonly UnitRow[]): Promise<UnitLink[]> {
  const existing = new Set((await findWaveLinks(tx, waveId)).map((link) => link.unitId));
  const links: UnitLink[] = [];
  for (const unit of units.filter((candidate) => !existing.has(candidate.id))) {
    const code = generateLinkCode();
    await insertWaveLink(tx, { waveId, unitId: unit.id, code });
    links.push({ unitId: unit.id, unitName: unit.name, code });
  }
  return links;
}

/** Creates a wave with one open link per unit; pass a transaction so it lands whole. */
export async function createWaveWithOpenLinks(tx: Queryable, wave: NewWaveRow, units: readonly UnitRow[]): Promise<{ waveId: string; links: UnitLink[] }> {
  const waveId = await insertWave(tx, wave);
  return { waveId, links: await addOpenLinks(tx, waveId, units) };
}

export async function listLinks(db: Queryable, organizationId: string): Promise<LinkListRow[]> {
  return findLinksByOrganization(db, organizationId);
}

/** A wave of this organization (row-locked inside a transaction); any other wave is "not found". */
export async function getWave(db: Queryable, organizationId: string, waveId: string): Promise<WaveRow> {
  const wave = await findWaveById(db, organizationId, waveId);
  if (!wave) throw new AppError('not_found', 'There is no such wave in this organization.');
  return wave;
}

/** Every wave of the organization, newest first. */
/** How many responses each of the given waves holds (0 for none). */
export async function countResponsesOfWaves(db: Queryable, waveIds: readonly string[]): Promise<(waveId: string) => number> {
  const counts = await countResponsesByWave(db, waveIds);
  return (waveId) => counts.get(waveId) ?? 0;
}

/**
 * Closed waves whose results derived at the close (dashboard aggregates, export lines) are
 * missing or cover another number of responses, given how many each derived copy covers.
 */
export async function listClosedWavesNotCovered(db: Queryable, covered: ReadonlyMap<string, number>): Promise<ClosedWaveCountRow[]> {
  return (await findClosedWavesWithResponseCounts(db)).filter((wave) => covered.get(wave.waveId) !== wave.responses);
}

export async function listWaves(db: Queryable, organizationId: string): Promise<WaveRow[]> {
  return findWavesByOrganization(db, organizationId);
}

export type NewWave = {
  name: string;
  instrumentVersionId: string;
  distribution: Distribution;
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  commentThreshold: number;
  allowCommentExport: boolean;
};

function requireValidSchedule(opensOn: string, closesOn: string, today: string): void {
  const problems = checkSchedule(opensOn, closesOn, today);
  if (problems.length > 0) {
    throw new AppError('invalid_input', problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), problems);
  }
}

/** Today as the database sees it (YYYY-MM-DD), so every process agrees on the day. */
export async function readToday(db: Queryable): Promise<string> {
  const [row] = await db.query<{ today: string }>('SELECT current_date::text AS today');
  return row?.today ?? new Date().toISOString().slice(0, 10);
}

/** Creates a draft wave; with open-link distribution, each unit gets its link now. */
export async function createWave(db: Db, actor: Staff, organizationId: string, wave: NewWave): Promise<string> {
  // Only built-in versions and the organization's own, never another organization's or a retired one.
  const offered = await listInstrumentVersions(db, organizationId);
  if (!offered.some((version) => version.id === wave.instrumentVersionId)) {
    throw new AppError('invalid_input', 'instrumentVersionId: choose one of the published instruments', [{ path: 'instrumentVersionId', message: 'choose one of the published instruments' }]);
  }
  return db.transaction(async (tx) => {
    requireValidSchedule(wave.opensOn, wave.closesOn, await readToday(tx));
    await getOrganization(tx, organizationId);
    const units = await listUnits(tx, organizationId);
    if (units.length === 0) throw new AppError('invalid_state', 'Add at least one unit before creating a wave.');
    if ((await findWavesByOrganization(tx, organizationId)).some((existing) => existing.name === wave.name)) {
      throw new AppError('name_taken', `name: there is already a wave called "${wave.name}"`, [{ path: 'name', message: `there is already a wave called "${wave.name}"` }]);
    }
    const waveId = await insertWave(tx, { organizationId, status: 'draft', ...wave });
    if (wave.distribution === 'open_link') await addOpenLinks(tx, waveId, units);
    await recordAuditEvent(tx, {
      accountId: actor.accountId, organizationId, action: 'wave.created', target: wave.name,
      details: {
        distribution: wave.distribution, opensOn: wave.opensOn, closesOn: wave.closesOn, minGroupSize: wave.minGroupSize,
        allowCommentExport: wave.allowCommentExport,
      },
    });
    return waveId;
  });
}

/** Opens a draft wave or reopens a closed one; its close date must not have passed. */
export async function openWave(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.status === 'open') throw new AppError('invalid_state', 'This wave is already open.');
    if (wave.closesOn !== null && wave.closesOn < wave.today) {
      throw new AppError('invalid_state', `The close date (${wave.closesOn}) has passed. Set a later close date first, then open the wave.`);
    }
    if (wave.distribution === 'open_link') await addOpenLinks(tx, waveId, await listUnits(tx, organizationId));
    await updateWaveStatus(tx, organizationId, waveId, 'open');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: wave.status === 'draft' ? 'wave.opened' : 'wave.reopened', target: wave.name });
  });
}

export async function closeWave(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.status !== 'open') throw new AppError('invalid_state', `This wave is ${wave.status}, so it cannot be closed.`);
    await updateWaveStatus(tx, organizationId, waveId, 'closed');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.closed', target: wave.name });
  });
}

export type ScheduleChange = { opensOn: string; closesOn: string; allowCommentExport?: boolean | undefined };

/**
 * Changes the dates, and while the wave is a draft, whether its comments may be exported:
 * respondents answer under the settings the wave opened with.
 */
export async function changeSchedule(db: Db, actor: Staff, organizationId: string, waveId: string, change: ScheduleChange): Promise<void> {
  const { allowCommentExport, ...schedule } = change;
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    requireValidSchedule(schedule.opensOn, schedule.closesOn, wave.today);
    const isExportChanged = allowCommentExport !== undefined && allowCommentExport !== wave.allowCommentExport;
    if (isExportChanged && wave.status !== 'draft') {
      throw new AppError('invalid_state', 'allowCommentExport: can be changed only while the wave is a draft, before anyone answers.', [
        { path: 'allowCommentExport', message: 'can be changed only while the wave is a draft' },
      ]);
    }
    await updateWaveSchedule(tx, organizationId, waveId, schedule);
    if (isExportChanged) await updateWaveCommentExport(tx, organizationId, waveId, allowCommentExport);
    await recordAuditEvent(tx, {
      accountId: actor.accountId, organizationId, action: 'wave.schedule_changed', target: wave.name,
      details: { ...schedule, ...(isExportChanged ? { allowCommentExport } : {}) },
    });
  });
}

/**
 * Changes k and the comment threshold of a draft wave. Once a wave has opened they are fixed:
 * the survey page promised them to everyone who answered.
 */
export async function changeThresholds(db: Db, actor: Staff, organizationId: string, waveId: string, thresholds: { minGroupSize: number; commentThreshold: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.status !== 'draft') {
      throw new AppError('invalid_state', 'The minimum group size and the comment threshold are fixed once a wave has opened: the survey page promised them to every respondent.');
    }
    await updateWaveThresholds(tx, organizationId, waveId, thresholds);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.thresholds_changed', target: wave.name, details: { ...thresholds } });
  });
}

/** Gives units added after the wave was created their open link. */
export async function addMissingOpenLinks(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.distribution !== 'open_link') throw new AppError('invalid_state', 'This wave uses invitations, not open links.');
    const added = await addOpenLinks(tx, waveId, await listUnits(tx, organizationId));
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.links_added', target: wave.name, details: { units: added.length } });
  });
}

/**
 * The periodic sweep (at start and hourly, see main.ts): stores 'closed' for open waves past
 * their close date. Responses are refused from the day after the close date regardless
 * (isAcceptingResponses); this keeps the stored status and the audit trail in step.
 */
export async function closeExpiredWaves(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const closed = await updateExpiredWavesToClosed(tx);
    for (const wave of closed) {
      await recordAuditEvent(tx, { accountId: null, organizationId: wave.organizationId, action: 'wave.closed_at_close_date', target: wave.name });
    }
    return closed.length;
  });
}

export type WaveCounts = { wave: WaveRow; units: UnitCount[]; respondents: WaveDisclosure; links: Map<string, string> };

/**
 * Every wave of the organization with per-unit invitation counts (all units listed) and the
 * disclosure decision on its respondent counts, the same decision its dashboard makes.
 */
export async function listWavesWithCounts(db: Queryable, organizationId: string, onlyWaveId?: string): Promise<WaveCounts[]> {
  const waves = (await findWavesByOrganization(db, organizationId)).filter((wave) => onlyWaveId === undefined || wave.id === onlyWaveId);
  const units = await listUnits(db, organizationId);
  const cells = await countResponsesByCell(db, organizationId);
  const invitations = await countInvitations(db, organizationId);
  const key = (waveId: string, unitId: string): string => `${waveId}/${unitId}`;
  const invitationCounts = new Map(invitations.map((row) => [key(row.waveId, row.unitId), row.invited]));
  const result: WaveCounts[] = [];
  for (const wave of waves) {
    const links = onlyWaveId === undefined ? new Map<string, string>() : new Map((await findWaveLinks(db, wave.id)).map((link) => [link.unitId, link.code]));
    const instrument = await getInstrumentVersion(db, wave.instrumentVersionId);
    if (!instrument) throw new Error(`wave ${wave.id} names a missing instrument version`);
    result.push({
      wave,
      links,
      units: units.map((unit) => ({ unitId: unit.id, unitName: unit.name, invited: invitationCounts.get(key(wave.id, unit.id)) ?? 0 })),
      respondents: decideRespondents(instrument, wave.minGroupSize, units.map((unit) => unit.id), cells.filter((cell) => cell.waveId === wave.id)),
    });
  }
  return result;
}

export async function getWaveWithCounts(db: Queryable, organizationId: string, waveId: string): Promise<WaveCounts> {
  const [counts] = await listWavesWithCounts(db, organizationId, (await getWave(db, organizationId, waveId)).id);
  if (!counts) throw new AppError('not_found', 'There is no such wave in this organization.');
  return counts;
}

export type SurveyLink = (SurveyLinkRow & { kind: 'open_link' }) | (SurveyLinkRow & { kind: 'invitation'; spentHash: string; isUsed: boolean });

/** Resolves a code from a survey address: an open link's code, or a single-use invitation token. */
export async function findSurveyLink(db: Queryable, code: string): Promise<SurveyLink | undefined> {
  const open = await findOpenLinkByCode(db, code);
  if (open) return { ...open, kind: 'open_link' };
  const invitation = await findInvitation(db, code);
  return invitation && { ...invitation, kind: 'invitation' };
}
