-- Staff accounts only: respondents never have one. Emails are stored lower-cased so one
-- person cannot hold two accounts that differ by case. A null password_hash means the
-- account waits for its one-time set-password link.
CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  password_hash text,
  is_platform_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
