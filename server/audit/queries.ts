import type { Queryable } from '../db/db.js';

export type NewAuditEvent = {
  accountId: string | null;
  organizationId: string | null;
  action: string;
  target: string;
  details: string;
};

export type AuditEventRow = {
  occurredAt: string;
  accountEmail: string | null;
  organizationName: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
};

export async function insertAuditEvent(db: Queryable, event: NewAuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (account_id, organization_id, action, target, details)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [event.accountId, event.organizationId, event.action, event.target, event.details],
  );
}

/** The newest events first; `organizationId` null lists every organization (platform admins). */
export async function findAuditEvents(db: Queryable, organizationId: string | null, limit: number): Promise<AuditEventRow[]> {
  return db.query<AuditEventRow>(
    `SELECT to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') AS "occurredAt",
            a.email AS "accountEmail", o.name AS "organizationName", e.action, e.target, e.details
     FROM audit_events e
     LEFT JOIN accounts a ON a.id = e.account_id
     LEFT JOIN organizations o ON o.id = e.organization_id
     WHERE $1::uuid IS NULL OR e.organization_id = $1::uuid
     ORDER BY e.occurred_at DESC, e.id
     LIMIT $2`,
    [organizationId, limit],
  );
}
