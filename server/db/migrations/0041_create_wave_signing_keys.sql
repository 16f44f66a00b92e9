-- One RSA key pair per wave and unit for blind-signed response tokens (RFC 9474,
-- RSABSSA-SHA384-PSS-Randomized). A token verifies only under its own wave's and unit's key, so
-- it proves where it may answer and nothing about who asked for it. Every unit of a wave shares
-- one key: a key per person would tell whose token it was. Deleted when the wave closes.
CREATE TABLE wave_signing_keys (
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  public_key text NOT NULL,
  private_key text NOT NULL,
  PRIMARY KEY (wave_id, unit_id)
);
