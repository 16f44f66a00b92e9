-- Every single-use invitation issued: the SHA-256 of its token, never the token. Rows are
-- written once at issue and never changed, so no row here carries anything from the moment
-- an invitation is used.
CREATE TABLE invitations (
  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE
);
CREATE INDEX invitations_wave_id_unit_id_idx ON invitations (wave_id, unit_id);
