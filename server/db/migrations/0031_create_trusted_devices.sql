-- Browsers where an account has signed in before. Failed sign-ins from such a browser are
-- counted apart from everyone else's, so someone who only knows an address cannot lock its
-- owner out of their usual browser. Only a SHA-256 of the cookie's random token is kept.
CREATE TABLE trusted_devices (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX trusted_devices_expires_at_idx ON trusted_devices (expires_at);
