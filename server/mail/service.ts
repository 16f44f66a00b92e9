import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Db, Queryable } from '../db/db.js';
import type { Logger } from '../log.js';
import { writeOutboxFile } from './outbox/service.js';
import {
  type ClaimedMessage, claimDueMessage, deleteMessagesOfWave, findClosedWavesWithMessages, deleteOldWavelessFailures, deleteSentMessage, findBatchesOfWave,
  incrementBatchFailed, incrementBatchSent, insertMailBatch, insertMailMessages, type MailBatchRow, type MailKind, updateBatchLastError,
  updateMessageFailed, updateMessageRetry,
} from './queries.js';
import { decideRetry, describeSendError } from './retry.js';

export type { MailKind } from './queries.js';
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/** Per batch, for the manager's wave page; `lastError` never holds an address. */
export type MailBatchStatus = MailBatchRow;
export type DeliveryCounts = { sent: number; retried: number; failed: number };

/**
 * Sends one message or throws (nodemailer's error, with the SMTP reply code). `kind` is shown on
 * the outbox page; it never carries SMTP_URL, which holds a password.
 */
export type Mailer = { kind: 'smtp' | 'outbox'; send(message: OutgoingMail): Promise<void>; close(): void };

// Longer than any one send can take (the SMTP timeouts below), so a message is never claimed
// twice while its first send is still under way.
const leaseSeconds = 10 * 60;
const messagesPerRound = 25;
const wavelessFailureDays = 7;

/**
 * Queues messages in the caller's transaction; returns the batch id. Nothing is sent before
 * commit: the delivery loop only sees committed rows. `organizationId` is null for mail that
 * belongs to no organization (a password reset), and then `waveId` must be null too.
 */
export async function queueMailBatch(
  tx: Queryable,
  batch: { organizationId: string | null; waveId: string | null; kind: MailKind; messages: readonly OutgoingMail[] },
): Promise<string> {
  const batchId = await insertMailBatch(tx, { organizationId: batch.organizationId, waveId: batch.waveId, kind: batch.kind, total: batch.messages.length });
  await insertMailMessages(tx, batchId, batch.messages);
  return batchId;
}

/**
 * Sends the messages that are due, one at a time, up to `limit` of them. Each is claimed first
 * (FOR UPDATE SKIP LOCKED and a lease, see claimDueMessage), so several processes or concurrent
 * calls never send one twice. A sent message's row is deleted and counted on its batch in one
 * transaction; a failure is retried after back-off or, after the last attempt or a permanent
 * refusal, marked failed and counted (retry.ts).
 */
export async function deliverDueMail(db: Db, mailer: Mailer, options: { limit?: number } = {}): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  for (let index = 0; index < (options.limit ?? messagesPerRound); index += 1) {
    const message = await claimDueMessage(db, leaseSeconds);
    if (!message) break;
    counts[await deliverMessage(db, mailer, message)] += 1;
  }
  return counts;
}

async function deliverMessage(db: Db, mailer: Mailer, message: ClaimedMessage): Promise<keyof DeliveryCounts> {
  try {
    await mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html });
  } catch (error) {
    return recordFailure(db, message, error);
  }
  await db.transaction(async (tx) => {
    const batchId = await deleteSentMessage(tx, message.id);
    if (batchId) await incrementBatchSent(tx, batchId);
  });
  return 'sent';
}

async function recordFailure(db: Db, message: ClaimedMessage, error: unknown): Promise<'retried' | 'failed'> {
  const text = describeSendError(error, [message.to]);
  const decision = decideRetry(message.attempts, error);
  return db.transaction(async (tx) => {
    if (decision.kind === 'retry') {
      await updateMessageRetry(tx, message.id, decision.delaySeconds, text);
      await updateBatchLastError(tx, message.batchId, text);
      return 'retried';
    }
    const batchId = await updateMessageFailed(tx, message.id, text);
    if (batchId) await incrementBatchFailed(tx, batchId, text);
    return 'failed';
  });
}

/**
 * Deletes every message row of a wave, queued or failed (they hold addresses and personal
 * links); returns how many. Queued ones are counted as cancelled on their batch, whose other
 * counts stay. Called when a wave closes.
 */
export async function forgetWaveMail(tx: Queryable, waveId: string): Promise<number> {
  return deleteMessagesOfWave(tx, waveId);
}

/** Per batch of a wave, oldest first: counts, the next attempt of those waiting, the last error. */
export async function describeWaveMailBatches(db: Queryable, organizationId: string, waveId: string): Promise<MailBatchStatus[]> {
  return findBatchesOfWave(db, organizationId, waveId);
}

/**
 * For the hourly sweep: the mail of closed waves that is still kept (a wave closed at its close
 * date runs no close hook), and failed password-reset mail (no wave to close) after a week.
 */
export async function pruneMail(db: Db): Promise<number> {
  let deleted = 0;
  for (const waveId of await findClosedWavesWithMessages(db)) deleted += await db.transaction((tx) => forgetWaveMail(tx, waveId));
  return deleted + (await deleteOldWavelessFailures(db, wavelessFailureDays));
}

/**
 * With SMTP_URL, an SMTP transport (a connection per message: batches are small and a pool
 * would hold idle connections open); without, nodemailer builds the same message and it is
 * written to the outbox folder as an .eml file.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'outboxDir'>): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(message) {
      const { message: raw } = await transport.sendMail({ from: config.mailFrom, ...message });
      // buffer: true makes it a Buffer; the type also allows the streaming form.
      if (!Buffer.isBuffer(raw)) throw new Error('the outbox transport returned no buffer');
      await writeOutboxFile(config.outboxDir, raw);
    },
    close: () => transport.close(),
  };
}

/** The running delivery loop: `kick()` asks for a round now (after a batch is committed). */
export type MailDelivery = { kick: () => void; stop: () => Promise<void> };

/**
 * Delivers due mail every `everyMs` and whenever kicked, one round at a time; a round that used
 * its whole allowance runs again at once. `stop()` lets the round under way finish (so no
 * message is left claimed until its lease ends), then closes the mailer. Failures are logged
 * by count only: an error may quote an address.
 */
export function startMailDelivery(db: Db, mailer: Mailer, log: Logger, everyMs = 5000): MailDelivery {
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let isKicked = false;
  let isStopping = false;
  const runRound = (): void => {
    if (isStopping) return;
    if (round) {
      isKicked = true;
      return;
    }
    clearTimeout(timer);
    round = deliverDueMail(db, mailer).then(
      (counts) => {
        if (counts.sent + counts.retried + counts.failed > 0) log.info('mail delivered', counts);
        isKicked ||= counts.sent + counts.retried + counts.failed >= messagesPerRound;
      },
      (error: unknown) => log.error('mail delivery failed', { error: describeSendError(error) }),
    ).finally(() => {
      round = undefined;
      if (isStopping) return;
      if (isKicked) setImmediate(runRound);
      else timer = setTimeout(runRound, everyMs).unref();
      isKicked = false;
    });
  };
  runRound();
  return {
    kick: runRound,
    async stop() {
      isStopping = true;
      clearTimeout(timer);
      await round;
      mailer.close();
    },
  };
}
