import type { Queryable } from '../db/db.js';
import { type AuditEventRow, findAuditEvents, insertAuditEvent } from './queries.js';

/**
 * A staff action, written by the acting service inside its own transaction so the action and
 * its record land together. Details name staff-side things only (units, counts, roles), never
 * a respondent, an answer or a token.
 */
export type AuditEvent = {
  accountId: string | null;
  organizationId?: string | null;
  action: string;
  target?: string;
  details?: Record<string, string | number | boolean | null>;
};

const shownEvents = 500;

export async function recordAuditEvent(tx: Queryable, event: AuditEvent): Promise<void> {
  await insertAuditEvent(tx, {
    accountId: event.accountId,
    organizationId: event.organizationId ?? null,
    action: event.action,
    target: event.target ?? '',
    details: JSON.stringify(event.details ?? {}),
  });
}

export async function listAuditEvents(db: Queryable, organizationId: string | null): Promise<AuditEventRow[]> {
  return findAuditEvents(db, organizationId, shownEvents);
}
