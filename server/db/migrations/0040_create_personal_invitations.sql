-- Personal invitations: one per e-mail address or printed card. A row knows its wave and unit,
-- and whether a blind-signed token was issued through it (`blinded_hash`: a hash of the blinded
-- message the browser sent, so a retried request gets its signature again). The blinded message
-- is independent of the token the browser later unblinds, and redeeming a token never reads or
-- writes this table, so nothing here can be joined to a response. Every row of a wave is deleted
-- when the wave closes.
CREATE TABLE personal_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  code_hash text NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  email text CHECK (email IS NULL OR length(email) <= 254),
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  uploaded_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  blinded_hash text CHECK (blinded_hash IS NULL OR length(blinded_hash) = 64),
  UNIQUE (wave_id, email)
);
CREATE INDEX personal_invitations_wave_unit_idx ON personal_invitations (wave_id, unit_id);
