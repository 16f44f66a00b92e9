import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError } from '../http/errors.js';
import { generateToken } from '../http/tokens.js';
import type { UnitRow } from '../organizations/queries.js';
import { getOrganization, listActiveUnits } from '../organizations/service.js';
import { listInstrumentVersions } from '../instruments/service.js';
import { countInvitations, findInvitation, findPersonalInvitation, forgetWaveInvitations } from './invitations/service.js';
import {
  type ClosedWaveCountRow, countResponsesByCell, countResponsesByWave, findClosedWavesWithResponseCounts, findLinksByOrganization, findOpenLinkByCode, findWaveById, findWaveLinks,
  findUnitsAddedAfterWave, findWaveUnits, findWavesByOrganization, insertWave, insertWaveLink, insertWaveUnits, type LinkListRow, type NewWaveRow, type OpenLinkRow, type SurveyLinkRow, updateExpiredWavesToClosed,
  updateWaveCommentExport, updateWaveReleasedOn, updateWaveSchedule, updateWaveStatus, updateWaveThresholds, type WaveRow,
} from './queries.js';
import type { Distribution, UnitCount } from './response-rate.js';
import { checkSchedule } from './schedule.js';

export type UnitLink = { unitId: string; unitName: string; code: string };

/** 128 random bits: a link code cannot be guessed or enumerated. */
export function generateLinkCode(): string {
  return generateToken(16);
}

export async function addOpenLinks(tx: Queryable, waveId: string, units: readonly UnitRow[]): Promise<UnitLink[]> {
  const existing = new Set((await findWaveLinks(tx, waveId)).map((link) => link.unitId));
  const links: UnitLink[] = [];
  for (const unit of units.filter((candidate) => !existing.has(candidate.id))) {
    const code = generateLinkCode();
    await insertWaveLink(tx, { waveId, unitId: unit.id, code });
    links.push({ unitId: unit.id, unitName: unit.name, code });
  }
  return links;
}

/** Creates a wave of the given units with one open link each; pass a transaction so it lands whole. */
export async function createWaveWithOpenLinks(tx: Queryable, wave: NewWaveRow, units: readonly UnitRow[]): Promise<{ waveId: string; links: UnitLink[] }> {
  const waveId = await insertWave(tx, wave);
  await insertWaveUnits(tx, waveId, units.map((unit) => unit.id));
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

/** Records that a result of the wave is being shown (page, JSON, PDF or download): from now on it is final. */
export async function recordRelease(db: Queryable, waveId: string): Promise<void> {
  await updateWaveReleasedOn(db, waveId);
}

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

/** The units taking part in a wave (chosen at its creation, archived ones included). */
export async function listWaveUnits(db: Queryable, organizationId: string, waveId: string): Promise<UnitRow[]> {
  return findWaveUnits(db, organizationId, waveId);
}

/**
 * The active units of the organization named in `unitIds`, all of them when none is named:
 * a new wave never includes an archived unit or another organization's.
 */
export async function chooseWaveUnits(db: Queryable, organizationId: string, unitIds: readonly string[]): Promise<UnitRow[]> {
  const active = await listActiveUnits(db, organizationId);
  if (active.length === 0) throw new AppError('invalid_state', 'Add at least one unit before creating a wave.');
  if (unitIds.length === 0) return active;
  const chosen = active.filter((unit) => unitIds.includes(unit.id));
  if (chosen.length !== new Set(unitIds).size) {
    throw new AppError('invalid_input', 'unitIds: choose among the active units of this organization', [{ path: 'unitIds', message: 'choose among the active units of this organization' }]);
  }
  return chosen;
}

/** Every wave of the organization, newest first. */
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
  /** Units taking part; empty means every active unit. */
  unitIds: string[];
};

export function requireValidSchedule(opensOn: string, closesOn: string, today: string): void {
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
    const units = await chooseWaveUnits(tx, organizationId, wave.unitIds);
    if ((await findWavesByOrganization(tx, organizationId)).some((existing) => existing.name === wave.name)) {
      throw new AppError('name_taken', `name: there is already a wave called "${wave.name}"`, [{ path: 'name', message: `there is already a wave called "${wave.name}"` }]);
    }
    const { unitIds: _chosen, ...row } = wave;
    const waveId = await insertWave(tx, { organizationId, status: 'draft', ...row });
    await insertWaveUnits(tx, waveId, units.map((unit) => unit.id));
    if (wave.distribution === 'open_link') await addOpenLinks(tx, waveId, units);
    await recordAuditEvent(tx, {
      accountId: actor.accountId, organizationId, action: 'wave.created', target: wave.name,
      details: {
        distribution: wave.distribution, opensOn: wave.opensOn, closesOn: wave.closesOn, minGroupSize: wave.minGroupSize,
        allowCommentExport: wave.allowCommentExport, units: units.map((unit) => unit.name).join(', '),
      },
    });
    return waveId;
  });
}

/**
 * Opens a draft wave or reopens a closed one; its close date must not have passed. A closed wave
 * whose results anyone has seen stays closed: one late answer would be the difference between
 * the two reads.
 */
export async function openWave(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.status === 'open') throw new AppError('invalid_state', 'This wave is already open.');
    if (wave.releasedOn !== null) {
      throw new AppError('invalid_state', `This wave's results were first shown on ${wave.releasedOn}, so it is final and cannot be reopened. Start a new wave instead, or next time extend the close date before it passes.`);
    }
    if (wave.closesOn !== null && wave.closesOn < wave.today) {
      throw new AppError('invalid_state', `The close date (${wave.closesOn}) has passed. Set a later close date first, then open the wave.`);
    }
    if (wave.distribution === 'open_link') await addOpenLinks(tx, waveId, await findWaveUnits(tx, organizationId, waveId));
    await updateWaveStatus(tx, organizationId, waveId, 'open');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: wave.status === 'draft' ? 'wave.opened' : 'wave.reopened', target: wave.name });
  });
}

/**
 * Why a wave that is not open cannot be closed, one whole sentence per status, so the staff
 * pages can translate it (server/i18n/es/waves.ts).
 */
export const notClosableMessages = {
  draft: 'This wave is a draft, so it cannot be closed.',
  closed: 'This wave is already closed.',
} as const;

export async function closeWave(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.status !== 'open') throw new AppError('invalid_state', notClosableMessages[wave.status]);
    await updateWaveStatus(tx, organizationId, waveId, 'closed');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.closed', target: wave.name });
    await forgetWaveInvitations(tx, { id: waveId, organizationId, name: wave.name });
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

/**
 * Takes units created after the wave into it, each with its open link. Units that existed when
 * the wave was created and were left out stay out: that was the manager's choice.
 */
export async function addMissingOpenLinks(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getWave(tx, organizationId, waveId);
    if (wave.distribution !== 'open_link') throw new AppError('invalid_state', 'This wave uses invitations, not open links.');
    await insertWaveUnits(tx, waveId, (await findUnitsAddedAfterWave(tx, organizationId, waveId)).map((unit) => unit.id));
    const added = await addOpenLinks(tx, waveId, await findWaveUnits(tx, organizationId, waveId));
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
      await forgetWaveInvitations(tx, wave);
    }
    return closed.length;
  });
}

export type WaveCounts = {
  wave: WaveRow; units: UnitCount[]; links: Map<string, string>; headcounts: (number | null)[];
  /** Units created after the wave that can still join it (counted for a single wave only). */
  laterUnits: number;
};

/**
 * Every wave of the organization with per-unit invitation and response counts (all units
 * listed): raw counts for server-side use only; present.ts shows them through the open-wave
 * rule of server/disclosure, and a closed wave's counts only on its dashboard.
 */
export async function listWavesWithCounts(db: Queryable, organizationId: string, onlyWaveId?: string): Promise<WaveCounts[]> {
  const waves = (await findWavesByOrganization(db, organizationId)).filter((wave) => onlyWaveId === undefined || wave.id === onlyWaveId);
  const cells = await countResponsesByCell(db, organizationId);
  const invitations = await countInvitations(db, organizationId);
  const key = (waveId: string, unitId: string): string => `${waveId}/${unitId}`;
  const invitationCounts = new Map(invitations.map((row) => [key(row.waveId, row.unitId), row]));
  const result: WaveCounts[] = [];
  for (const wave of waves) {
    const links = onlyWaveId === undefined ? new Map<string, string>() : new Map((await findWaveLinks(db, wave.id)).map((link) => [link.unitId, link.code]));
    const units = await findWaveUnits(db, organizationId, wave.id);
    const responsesOf = (unitId: string): number => cells.filter((cell) => cell.waveId === wave.id && cell.unitId === unitId).reduce((sum, cell) => sum + cell.n, 0);
    result.push({
      wave,
      links,
      laterUnits: onlyWaveId === undefined ? 0 : (await findUnitsAddedAfterWave(db, organizationId, wave.id)).length,
      headcounts: units.map((unit) => unit.headcount),
      units: units.map((unit) => {
        const invitation = invitationCounts.get(key(wave.id, unit.id));
        return { unitId: unit.id, unitName: unit.name, invited: invitation?.invited ?? 0, opened: invitation?.opened ?? 0, responses: responsesOf(unit.id) };
      }),
    });
  }
  return result;
}

export async function getWaveWithCounts(db: Queryable, organizationId: string, waveId: string): Promise<WaveCounts> {
  const [counts] = await listWavesWithCounts(db, organizationId, (await getWave(db, organizationId, waveId)).id);
  if (!counts) throw new AppError('not_found', 'There is no such wave in this organization.');
  return counts;
}

export type OpenSurveyLink = OpenLinkRow & { kind: 'open_link' };
export type PersonalSurveyLink = SurveyLinkRow & { kind: 'personal'; invitationId: string };
export type SurveyLink = OpenSurveyLink | (SurveyLinkRow & { kind: 'invitation'; spentHash: string; isUsed: boolean }) | PersonalSurveyLink;

/**
 * Resolves a code from a survey address: an open link's code, a single-use invitation token (links
 * handed out before personal invitations), or a personal invitation's e-mailed code or card code.
 */
export async function findSurveyLink(db: Queryable, code: string): Promise<SurveyLink | undefined> {
  const open = await findOpenLinkByCode(db, code);
  if (open) return { ...open, kind: 'open_link' };
  const invitation = await findInvitation(db, code);
  if (invitation) return { ...invitation, kind: 'invitation' };
  const personal = await findPersonalInvitation(db, code);
  return personal && { ...personal, kind: 'personal' };
}
