-- One-time links: 'setup' creates the first platform admin (no account yet), 'set_password'
-- lets an account choose its password. Only the token's hash is kept; using a link deletes it.
CREATE TABLE password_links (
  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
  purpose text NOT NULL CHECK (purpose IN ('setup', 'set_password')),
  account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  CHECK ((purpose = 'setup') = (account_id IS NULL))
);
