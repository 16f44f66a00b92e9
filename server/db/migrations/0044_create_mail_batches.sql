-- One row per batch of e-mail (a wave's invitations, a reminder, a password reset). The
-- counters are kept here because message rows are deleted once sent (they hold addresses and
-- personal links), and every message of a wave when it closes; the counts must outlive them.
-- organization_id is null for mail that belongs to no organization (a password reset: an
-- account may hold roles in several, or in none). A wave's batches go with the wave. Times may
-- be precise here: a batch is staff-side, not response data.
CREATE TABLE mail_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  wave_id uuid REFERENCES waves (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('invitation', 'reminder', 'password_reset')),
  created_at timestamptz NOT NULL DEFAULT now(),
  total integer NOT NULL CHECK (total >= 0),
  sent integer NOT NULL DEFAULT 0 CHECK (sent >= 0),
  failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
  cancelled integer NOT NULL DEFAULT 0 CHECK (cancelled >= 0),
  last_error text CHECK (length(last_error) <= 500),
  CHECK (wave_id IS NULL OR organization_id IS NOT NULL),
  CHECK (sent + failed + cancelled <= total)
);
CREATE INDEX mail_batches_wave_id_idx ON mail_batches (wave_id);
