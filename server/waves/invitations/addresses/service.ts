import { randomUUID } from 'node:crypto';
import type { Staff } from '../../../accounts/roles.js';
import { recordAuditEvent } from '../../../audit/service.js';
import type { Db, Queryable } from '../../../db/db.js';
import { loadServerKey } from '../../../db/server-keys.js';
import { AppError } from '../../../http/errors.js';
import { hashToken } from '../../../http/tokens.js';
import { describeWaveMailBatches, type MailBatchStatus, queueMailBatch } from '../../../mail/service.js';
import { getOrganization } from '../../../organizations/service.js';
import { findWaveById, findWaveUnits, type WaveRow } from '../../queries.js';
import { displayStatus } from '../../schedule.js';
import { deriveAddressCode } from '../personal-code.js';
import { insertPersonalInvitations } from '../queries.js';
import { parseAddressList } from './address-list.js';
import { maxReminders } from './schema.js';
import { composeInvitationMail, type InvitationMail } from './mail-text.js';
import {
  claimDueReminder, deleteReminder, findAddressesUploadedBy, findInvitedAddresses, findRemindersOfWave, findUnopenedAddresses, insertReminder,
  type ReminderRow, type UploadedAddressRow, updateReminderSent, vacuumAddressTables,
} from './queries.js';

// Why an e-mail action is refused before or after the wave is open, one whole sentence each, so the staff pages can translate it.
const notOpenMessages = {
  invite: {
    draft: 'This wave is a draft: invitations can be sent only while it is open.',
    scheduled: 'This wave is not open yet: invitations can be sent only while it is open.',
    closed: 'This wave is closed: invitations can be sent only while it is open.',
  },
  remind: {
    draft: 'This wave is a draft: reminders can be sent only while it is open.',
    scheduled: 'This wave is not open yet: reminders can be sent only while it is open.',
    closed: 'This wave is closed: reminders can be sent only while it is open.',
  },
} as const;

/** The wave for an e-mail action: this organization's, for personal invitations, and open today. */
async function lockOpenInvitationWave(tx: Queryable, organizationId: string, waveId: string, action: keyof typeof notOpenMessages): Promise<WaveRow> {
  const wave = await findWaveById(tx, organizationId, waveId);
  if (!wave) throw new AppError('not_found', 'There is no such wave in this organization.');
  if (wave.distribution !== 'invitation') throw new AppError('invalid_state', 'This wave uses open links, not invitations.');
  const status = displayStatus(wave, wave.today);
  if (status !== 'open') throw new AppError('invalid_state', notOpenMessages[action][status]);
  return wave;
}

type LinkedMail = Omit<InvitationMail, 'link' | 'kind'> & { invitationId: string; email: string };

/** Personal links are derived from the invitation id under a server key, so a reminder can send the same link. */
function composeMails(key: Buffer, kind: InvitationMail['kind'], linkBase: string, mails: readonly LinkedMail[]) {
  return mails.map((mail) => ({
    to: mail.email,
    ...composeInvitationMail({ ...mail, kind, link: `${linkBase}/s/${deriveAddressCode(key, mail.invitationId)}?lang=${mail.language}` }),
  }));
}

export type AddressUpload = { addresses: string; unitId: string | undefined };

/**
 * Stores a list of addresses as personal invitations and queues one e-mail each, in one
 * transaction: a list with any problem (named by line) stores and sends nothing. The audit event
 * keeps counts per unit, never an address.
 */
export async function inviteByEmail(db: Db, actor: Staff, organizationId: string, waveId: string, upload: AddressUpload, linkBase: string): Promise<number> {
  return db.transaction(async (tx) => {
    const wave = await lockOpenInvitationWave(tx, organizationId, waveId, 'invite');
    const units = await findWaveUnits(tx, organizationId, waveId);
    if (upload.unitId !== undefined && !units.some((unit) => unit.id === upload.unitId)) throw new AppError('not_found', 'There is no such unit in this wave.');
    const parsed = parseAddressList(upload.addresses, units, upload.unitId, await findInvitedAddresses(tx, waveId));
    if (parsed.problems.length > 0) {
      const details = parsed.problems.map((problem) => ({ path: 'addresses', message: `line ${String(problem.line)}: ${problem.message}` }));
      throw new AppError('invalid_input', `Nothing was sent. addresses: ${details.slice(0, 5).map((detail) => detail.message).join('; ')}`, details);
    }
    const rows = parsed.addresses.map((address) => ({ ...address, id: randomUUID() }));
    const key = await loadServerKey(tx, 'invitation_links');
    await insertPersonalInvitations(tx, waveId, actor.accountId, rows.map((row) => ({
      id: row.id, unitId: row.unitId, codeHash: hashToken(deriveAddressCode(key, row.id)), email: row.email, language: row.language,
    })));
    const organizationName = (await getOrganization(tx, organizationId)).name;
    const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
    const messages = composeMails(key, 'invitation', linkBase, rows.map((row) => ({
      invitationId: row.id, email: row.email, language: row.language, organizationName, waveName: wave.name,
      unitName: unitNames.get(row.unitId) ?? '', closesOn: wave.closesOn,
    })));
    await queueMailBatch(tx, { organizationId, waveId, kind: 'invitation', messages });
    const perUnit: Record<string, number> = {};
    for (const unit of units) {
      const count = rows.filter((row) => row.unitId === unit.id).length;
      if (count > 0) perUnit[unit.name] = count;
    }
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'invitations.emailed', target: wave.name, details: { total: rows.length, ...perUnit } });
    return rows.length;
  });
}

/** Queues a reminder to every address not yet issued a token; only their number is kept. */
async function sendReminder(tx: Queryable, reminder: ReminderRow, wave: WaveRow, organizationId: string): Promise<number> {
  const unopened = await findUnopenedAddresses(tx, reminder.waveId);
  if (unopened.length > 0) {
    const organizationName = (await getOrganization(tx, organizationId)).name;
    const messages = composeMails(await loadServerKey(tx, 'invitation_links'), 'reminder', reminder.linkBase, unopened.map((row) => ({
      invitationId: row.id, email: row.email, language: row.language, organizationName, waveName: wave.name, unitName: row.unitName, closesOn: wave.closesOn,
    })));
    await queueMailBatch(tx, { organizationId, waveId: reminder.waveId, kind: 'reminder', messages });
  }
  await updateReminderSent(tx, reminder.id, unopened.length);
  return unopened.length;
}

/**
 * Adds one of a wave's (at most three) reminders: `sendOn` is 'now' or a day; today sends it now,
 * a later day (up to the close date) leaves it to the sweep.
 */
export async function addReminder(db: Db, actor: Staff, organizationId: string, waveId: string, sendOn: string, linkBase: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await lockOpenInvitationWave(tx, organizationId, waveId, 'remind');
    if ((await findRemindersOfWave(tx, waveId)).length >= maxReminders) throw new AppError('invalid_state', `A wave has at most ${maxReminders} reminders.`);
    const day = sendOn === 'now' ? wave.today : sendOn;
    if (day < wave.today) throw new AppError('invalid_input', 'sendOn: must be today or later', [{ path: 'sendOn', message: 'must be today or later' }]);
    if (wave.closesOn !== null && day > wave.closesOn) throw new AppError('invalid_input', `sendOn: must be on or before the close date, ${wave.closesOn}`, [{ path: 'sendOn', message: `must be on or before the close date, ${wave.closesOn}` }]);
    const id = await insertReminder(tx, { waveId, sendOn: day, linkBase });
    const sent = day === wave.today ? await sendReminder(tx, { id, waveId, sendOn: day, sentOn: null, recipients: null, linkBase }, wave, organizationId) : null;
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: sent === null ? 'invitations.reminder_scheduled' : 'invitations.reminder_sent', target: wave.name, details: { sendOn: day, ...(sent === null ? {} : { recipients: sent }) } });
  });
}

export async function cancelReminder(db: Db, actor: Staff, organizationId: string, waveId: string, reminderId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const wave = await findWaveById(tx, organizationId, waveId);
    if (!wave || !(await deleteReminder(tx, waveId, reminderId))) throw new AppError('not_found', 'There is no such scheduled reminder in this wave.');
    await recordAuditEvent(tx, { accountId: actor.accountId, organizationId, action: 'invitations.reminder_cancelled', target: wave.name });
  });
}

/** Sweep step: sends the reminders due today of open waves, each in its own transaction. */
export async function sendDueReminders(db: Db): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const reminder = await claimDueReminder(tx);
      if (!reminder) return false;
      const wave = await findWaveById(tx, reminder.organizationId, reminder.waveId);
      if (!wave) return false;
      await sendReminder(tx, reminder, wave, reminder.organizationId);
      await recordAuditEvent(tx, { accountId: null, organizationId: reminder.organizationId, action: 'invitations.reminder_sent', target: wave.name, details: { sendOn: reminder.sendOn } });
      return true;
    });
    if (!done) return sent;
    sent += 1;
  }
}

export type InvitationPanel = { uploaded: UploadedAddressRow[]; reminders: ReminderRow[]; mailBatches: MailBatchStatus[] };

/** What the wave page shows of e-mail: the viewer's own uploaded addresses, reminders and mail counts. */
export async function describeInvitationPanel(db: Queryable, organizationId: string, waveId: string, accountId: string): Promise<InvitationPanel> {
  return {
    uploaded: await findAddressesUploadedBy(db, waveId, accountId),
    reminders: await findRemindersOfWave(db, waveId),
    mailBatches: await describeWaveMailBatches(db, organizationId, waveId),
  };
}

/** Sweep step: no deleted address stays in the table files. */
export async function purgeDeletedAddresses(db: Db): Promise<void> {
  await vacuumAddressTables(db);
}
