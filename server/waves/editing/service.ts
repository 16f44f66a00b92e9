import type { Staff } from '../../accounts/roles.js';
import { recordAuditEvent } from '../../audit/service.js';
import { type Db, isUniqueViolation, type Queryable } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import type { UnitRow } from '../../organizations/queries.js';
import { insertWaveUnits, updateWaveSchedule, type WaveRow } from '../queries.js';
import { addOpenLinks, chooseWaveUnits, getWave, listWaveUnits, notClosableMessages, requireValidSchedule } from '../service.js';
import { deleteWaveRow, deleteWaveUnitsExcept, findInvitedUnitNamesExcept, updateWaveName } from './queries.js';

// One whole sentence per status, so the staff pages can translate it.
const notDraftMessages = {
  open: 'This wave is open: only a draft can be edited or deleted.',
  closed: 'This wave is closed: only a draft can be edited or deleted.',
} as const;

/** A draft wave; once opened, respondents have seen its name, dates and units, so they stay. */
export async function getDraftWave(db: Queryable, organizationId: string, waveId: string): Promise<WaveRow> {
  const wave = await getWave(db, organizationId, waveId);
  if (wave.status !== 'draft') throw new AppError('invalid_state', notDraftMessages[wave.status]);
  return wave;
}

/** An open wave, for the page that asks before closing it. */
export async function getWaveToClose(db: Queryable, organizationId: string, waveId: string): Promise<WaveRow> {
  const wave = await getWave(db, organizationId, waveId);
  if (wave.status !== 'open') throw new AppError('invalid_state', notClosableMessages[wave.status]);
  return wave;
}

export type DraftEdit = { name: string; opensOn: string; closesOn: string; unitIds: string[] };

/** The draft with its units, for the edit form. */
export async function getDraftWithUnits(db: Queryable, organizationId: string, waveId: string): Promise<{ wave: WaveRow; unitIds: string[] }> {
  const wave = await getDraftWave(db, organizationId, waveId);
  return { wave, unitIds: (await listWaveUnits(db, organizationId, waveId)).map((unit) => unit.id) };
}

async function replaceWaveUnits(tx: Queryable, wave: WaveRow, units: readonly UnitRow[]): Promise<void> {
  const keptIds = units.map((unit) => unit.id);
  const invited = await findInvitedUnitNamesExcept(tx, wave.id, keptIds);
  if (invited.length > 0) {
    const message = `invitations were already issued for ${invited.join(', ')}; keep them in the wave`;
    throw new AppError('invalid_input', `unitIds: ${message}`, [{ path: 'unitIds', message }]);
  }
  await deleteWaveUnitsExcept(tx, wave.id, keptIds);
  await insertWaveUnits(tx, wave.id, keptIds);
  if (wave.distribution === 'open_link') await addOpenLinks(tx, wave.id, units);
}

/** Changes a draft's name, dates and units; an empty unit list keeps every active unit. */
export async function editDraftWave(db: Db, actor: Staff, organizationId: string, waveId: string, edit: DraftEdit): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getDraftWave(tx, organizationId, waveId);
    requireValidSchedule(edit.opensOn, edit.closesOn, wave.today);
    const units = await chooseWaveUnits(tx, organizationId, edit.unitIds);
    try {
      await updateWaveName(tx, organizationId, waveId, edit.name);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const message = `there is already a wave called "${edit.name}"`;
      throw new AppError('name_taken', `name: ${message}`, [{ path: 'name', message }]);
    }
    await updateWaveSchedule(tx, organizationId, waveId, edit);
    await replaceWaveUnits(tx, wave, units);
    await recordAuditEvent(tx, {
      accountId: actor.accountId, organizationId, action: 'wave.draft_edited', target: edit.name,
      details: { from: wave.name, opensOn: edit.opensOn, closesOn: edit.closesOn, units: units.map((unit) => unit.name).join(', ') },
    });
  });
}

/** Deletes a draft: nobody has answered it, so nothing but its links and invitations goes. */
export async function deleteDraftWave(db: Db, actor: Staff, organizationId: string, waveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await getDraftWave(tx, organizationId, waveId);
    await deleteWaveRow(tx, organizationId, waveId);
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'wave.deleted', target: wave.name });
  });
}
