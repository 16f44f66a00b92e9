-- An open link is shared by everyone in a unit, so its code identifies the unit, never a person.
CREATE TABLE wave_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  code text NOT NULL UNIQUE CHECK (length(code) >= 16),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (wave_id, unit_id)
);
