import type { Translate } from '../i18n/translate.js';
import type { AuditEventRow } from './queries.js';

/** What each recorded action means, in words; the action's code is shown beside it. */
const actionDescriptions: Record<string, string> = {
  'account.password_changed': 'Changed their password',
  'account.password_link_issued': 'Made a set-password link',
  'account.password_reset_mailed': 'Password reset link e-mailed',
  'account.password_set_by_link': 'Set a password with a one-time link',
  'account.platform_admin_created': 'Platform admin created',
  'account.sessions_revoked': 'Signed an account out everywhere',
  'account.setup_completed': 'Completed first-run setup',
  'account.sign_in_failed': 'Sign-in failed',
  'account.signed_in': 'Signed in',
  'account.signed_out': 'Signed out',
  'comment.hidden': 'Hid a comment',
  'comment.shown_again': 'Showed a hidden comment again',
  'export.downloaded': 'Downloaded an export',
  'instrument.published': 'Published an instrument',
  'invitations.cards_printed': 'Printed invitation cards',
  'invitations.deleted_at_close': 'Invitations deleted when the wave closed',
  'invitations.emailed': 'E-mailed invitations',
  'invitations.reminder_cancelled': 'Cancelled a reminder',
  'invitations.reminder_scheduled': 'Scheduled a reminder',
  'invitations.reminder_sent': 'Reminder sent',
  'link.rate_ceiling_reached': 'Open link reached its response limit',
  'membership.granted': 'Granted a role',
  'membership.revoked': 'Removed a role',
  'organization.created': 'Created an organization',
  'unit.archived': 'Archived a unit',
  'unit.created': 'Added a unit',
  'unit.deleted': 'Deleted a unit',
  'unit.headcount_changed': 'Changed a headcount',
  'unit.renamed': 'Renamed a unit',
  'unit.restored': 'Restored a unit',
  'wave.closed': 'Closed a wave',
  'wave.closed_at_close_date': 'Wave closed on its close date',
  'wave.created': 'Created a wave',
  'wave.deleted': 'Deleted a draft wave',
  'wave.draft_edited': 'Edited a draft wave',
  'wave.link_settings_changed': 'Changed open link settings',
  'wave.links_added': 'Added units to a wave',
  'wave.opened': 'Opened a wave',
  'wave.reopened': 'Reopened a wave',
  'wave.schedule_changed': "Changed a wave's dates",
  'wave.thresholds_changed': "Changed a wave's group size thresholds",
};

/** Details print as "key: value" pairs; they hold staff-side facts only (never respondent data). */
export function presentAuditLog(t: Translate, title: string, events: readonly AuditEventRow[], showsOrganization: boolean) {
  return {
    title,
    showsOrganization,
    events: events.map((event) => ({
      ...event,
      description: Object.hasOwn(actionDescriptions, event.action) ? t(actionDescriptions[event.action] ?? '') : '',
      who: event.accountEmail ?? t('PeerClimate (automatic)'),
      details: Object.entries(event.details).map(([key, value]) => `${key}: ${String(value)}`).join(', '),
    })),
  };
}
