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

/** Names of the details services record; a key not listed (a unit's name, say) shows as it is. */
const detailLabels: Record<string, string> = {
  addresses: 'addresses', allowCommentExport: 'comments in exports', cards: 'cards', ceiling: 'limit', closesOn: 'closes on',
  commentThreshold: 'comment threshold', comments: 'comments', distribution: 'distribution', excel: 'for Excel', from: 'from',
  headcount: 'headcount', isNewAccount: 'new account', kind: 'kind', mailMessages: 'e-mail messages', minGroupSize: 'minimum group size',
  minutes: 'minutes', opensOn: 'opens on', otherSessionsRevoked: 'other sessions signed out', question: 'question',
  recipients: 'recipients', revoked: 'sessions signed out', role: 'role', sendOn: 'send on', signingKeys: 'signing keys',
  total: 'total', unit: 'unit', units: 'units', version: 'version', via: 'via', waves: 'waves',
};

const booleanWords = { true: 'yes', false: 'no' } as const;

function describeDetail(t: Translate, key: string, value: unknown): string {
  const label = Object.hasOwn(detailLabels, key) ? t(detailLabels[key] ?? key) : key;
  if (typeof value === 'boolean') return `${label}: ${t(booleanWords[`${value}`])}`;
  // A role is one of our words ("manager"); every other value is a name, a count or a date.
  return `${label}: ${key === 'role' && typeof value === 'string' ? t(value) : String(value)}`;
}

/** Details print as "key: value" pairs; they hold staff-side facts only (never respondent data). */
export function presentAuditLog(t: Translate, title: string, events: readonly AuditEventRow[], showsOrganization: boolean) {
  return {
    title,
    showsOrganization,
    events: events.map((event) => ({
      ...event,
      description: Object.hasOwn(actionDescriptions, event.action) ? t(actionDescriptions[event.action] ?? '') : '',
      who: event.accountEmail ?? t('PeerClimate (automatic)'),
      details: Object.entries(event.details).map(([key, value]) => describeDetail(t, key, value)).join(', '),
    })),
  };
}
