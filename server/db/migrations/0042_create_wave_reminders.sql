-- Reminders of a wave (at most three): each goes, on its day, to the personal invitations with an
-- address that have not been issued a token. Only the count of messages is kept, never to whom.
-- `link_base` is the address the manager used when scheduling it (or PUBLIC_URL), for the links.
CREATE TABLE wave_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  send_on date NOT NULL,
  link_base text NOT NULL,
  sent_on date,
  recipients integer CHECK (recipients IS NULL OR recipients >= 0)
);
CREATE INDEX wave_reminders_due_idx ON wave_reminders (send_on) WHERE sent_on IS NULL;
