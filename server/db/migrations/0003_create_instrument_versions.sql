-- One row per published version of an instrument; a changed instrument is a new version,
-- so every response keeps the exact questions it answered.
CREATE TABLE instrument_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_key text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  audience text NOT NULL,
  title text NOT NULL,
  content_hash text NOT NULL,
  definition jsonb NOT NULL,
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instrument_key, version)
);
