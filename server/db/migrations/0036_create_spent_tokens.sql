-- The spent set: one row per single-use token that has answered, written in the transaction that
-- stores its response (a taken primary key refuses a second use). The hash is taken under its
-- own domain label, unlike the hash in `invitations`, so without the token itself nothing here
-- can be joined to an invitation. Nothing about an invitation changes when it is used: updating
-- or deleting its row would leave a tuple whose xmax equals the response row's xmin.
CREATE TABLE spent_tokens (
  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE
);
