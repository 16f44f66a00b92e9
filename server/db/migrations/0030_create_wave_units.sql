-- The units that take part in a wave, chosen when it is created (or while it is a draft). Waves
-- created before the choice existed took every unit of their organization.
CREATE TABLE wave_units (
  wave_id uuid NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  PRIMARY KEY (wave_id, unit_id)
);
CREATE INDEX wave_units_unit_id_idx ON wave_units (unit_id);
INSERT INTO wave_units (wave_id, unit_id)
SELECT w.id, u.id FROM waves w JOIN units u ON u.organization_id = w.organization_id;
