-- Sign-in attempts per hashed e-mail address, shared by every process, for the rate limit.
-- No IP address is kept (staff sign-in logging avoids IPs too).
CREATE TABLE sign_in_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email_hash text NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_email_hash_idx ON sign_in_attempts (email_hash, attempted_at);
