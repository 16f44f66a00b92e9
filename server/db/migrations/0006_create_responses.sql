-- Anonymity rule 1: a response holds no account, token, IP, user agent, link or invitation key,
-- and its only time is the day. The id is random (not a sequence), so ids do not reveal order.
CREATE TABLE responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  instrument_version_id uuid NOT NULL REFERENCES instrument_versions (id),
  role_group text,
  language text NOT NULL,
  submitted_on date NOT NULL DEFAULT current_date,
  answers jsonb NOT NULL
);
CREATE INDEX responses_wave_id_unit_id_idx ON responses (wave_id, unit_id);
