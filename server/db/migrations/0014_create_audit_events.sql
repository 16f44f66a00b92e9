-- Staff actions only: never anything about a respondent. A null account_id is the system
-- itself (a wave closed at its close date, an admin created from the command line).
CREATE TABLE audit_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES accounts (id),
  organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  action text NOT NULL,
  target text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_organization_id_idx ON audit_events (organization_id, occurred_at);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
