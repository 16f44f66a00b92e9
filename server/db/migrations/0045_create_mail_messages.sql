-- Messages waiting to be sent, and those that failed for good. A sent message's row is deleted
-- in the transaction that counts it on its batch, so an address and its personal link stay no
-- longer than delivery takes. A failed row stays until its wave's mail is forgotten (the wave
-- closes) or, without a wave, until the sweep removes it.
CREATE TABLE mail_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL REFERENCES mail_batches (id) ON DELETE CASCADE,
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text CHECK (length(last_error) <= 500)
);
CREATE INDEX mail_messages_due_idx ON mail_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_messages_batch_id_idx ON mail_messages (batch_id);
