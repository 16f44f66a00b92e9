import type { Translate } from '../../../i18n/translate.js';
import { presentMailBatches } from '../../../mail/present.js';
import type { WaveRow } from '../../queries.js';
import { displayStatus } from '../../schedule.js';
import { maxReminders } from './schema.js';
import type { InvitationPanel } from './service.js';

function describeReminder(reminder: InvitationPanel['reminders'][number], t: Translate): string {
  if (reminder.sentOn === null) return t('Scheduled for {day}', { day: reminder.sendOn });
  const slots = { day: reminder.sentOn, count: reminder.recipients ?? 0 };
  return reminder.recipients === 1
    ? t('Sent {day} to {count} address whose invitation had not been opened', slots)
    : t('Sent {day} to {count} addresses whose invitation had not been opened', slots);
}

/**
 * The wave page's e-mail section: the viewer's own uploaded addresses (never whether one was
 * opened), the reminders with how many each went to, and the mail counts per batch.
 */
export function presentInvitationPanel(panel: InvitationPanel, wave: WaveRow, t: Translate) {
  const isOpen = wave.distribution === 'invitation' && displayStatus(wave, wave.today) === 'open';
  return {
    isShown: wave.distribution === 'invitation' && wave.status !== 'closed',
    canSend: isOpen,
    canRemind: isOpen && panel.reminders.length < maxReminders,
    remindersLeft: maxReminders - panel.reminders.length,
    today: wave.today,
    closesOn: wave.closesOn ?? '',
    uploaded: panel.uploaded,
    reminders: panel.reminders.map((reminder) => ({
      id: reminder.id,
      text: describeReminder(reminder, t),
      isScheduled: reminder.sentOn === null,
    })),
    mailBatches: presentMailBatches(panel.mailBatches, t),
  };
}
