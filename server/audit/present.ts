import type { AuditEventRow } from './queries.js';

/** Details print as "key: value" pairs; they hold staff-side facts only (never respondent data). */
export function presentAuditLog(title: string, events: readonly AuditEventRow[], showsOrganization: boolean) {
  return {
    title,
    showsOrganization,
    events: events.map((event) => ({
      ...event,
      who: event.accountEmail ?? 'PeerClimate (automatic)',
      details: Object.entries(event.details).map(([key, value]) => `${key}: ${String(value)}`).join(', '),
    })),
  };
}
