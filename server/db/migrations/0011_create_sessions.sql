-- Only the SHA-256 of a session token is kept, so a copy of this table cannot sign anyone in.
-- Deleting a row revokes the session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account_id_idx ON sessions (account_id);
