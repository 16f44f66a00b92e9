import type { Translate } from '../i18n/translate.js';
import type { ReadMessage } from './outbox/mime.js';
import type { OutboxEntry } from './outbox/service.js';
import type { MailBatchRow, MailKind } from './queries.js';

// English labels: views/mail/batches.ejs translates them (the wave page, which includes it, has `t`).
const kindLabels: Record<MailKind, string> = { invitation: 'Invitations', reminder: 'Reminder', password_reset: 'Password reset' };

/** "2026-12-07 12:45 UTC": mail times are not response data, so minutes may show. */
function formatUtc(time: Date, withSeconds = false): string {
  return `${time.toISOString().slice(0, withSeconds ? 19 : 16).replace('T', ' ')} UTC`;
}

export function presentOutbox(entries: readonly OutboxEntry[], isSmtpConfigured: boolean, listLimit: number) {
  return {
    title: 'Outbox',
    isSmtpConfigured,
    isCut: entries.length >= listLimit,
    listLimit,
    entries: entries.map((entry) => ({ ...entry, href: `/admin/outbox/${entry.fileName}`, sentAt: formatUtc(entry.sentAt, true) })),
  };
}

export function presentOutboxMessage(t: Translate, message: ReadMessage & { fileName: string; sentAt: Date }) {
  return { title: message.subject === '' ? t('Message') : t('Message: {subject}', { subject: message.subject }), message: { ...message, sentAt: formatUtc(message.sentAt, true) } };
}

/**
 * The wave page's mail table (views/mail/batches.ejs, as `mailBatches`). "Not sent" counts the
 * messages deleted unsent when the wave closed.
 */
export function presentMailBatches(batches: readonly MailBatchRow[], t: Translate) {
  return batches.map((batch) => ({
    kind: t(kindLabels[batch.kind]),
    day: batch.createdOn,
    total: batch.total,
    sent: batch.sent,
    waiting: batch.waiting,
    nextAttempt: batch.nextAttemptAt ? formatUtc(batch.nextAttemptAt) : '',
    failed: batch.failed,
    cancelled: batch.cancelled,
    lastError: batch.lastError ?? '',
  }));
}
