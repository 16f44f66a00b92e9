import { presentMailBatches } from '../../../mail/present.js';
import type { WaveRow } from '../../queries.js';
import { displayStatus } from '../../schedule.js';
import { maxReminders } from './schema.js';
import type { InvitationPanel } from './service.js';

/**
 * The wave page's e-mail section: the viewer's own uploaded addresses (never whether one was
 * opened), the reminders with how many each went to, and the mail counts per batch.
 */
export function presentInvitationPanel(panel: InvitationPanel, wave: WaveRow) {
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
      text: reminder.sentOn === null
        ? `Scheduled for ${reminder.sendOn}`
        : `Sent ${reminder.sentOn} to ${String(reminder.recipients)} address${reminder.recipients === 1 ? '' : 'es'} whose invitation had not been opened`,
      isScheduled: reminder.sentOn === null,
    })),
    mailBatches: presentMailBatches(panel.mailBatches),
  };
}
