-- An organization may import its own (often licensed) instruments. Built-in instruments from
-- surveys/ have no organization; a key and version are unique among built-ins and within one
-- organization, so two organizations may each hold their own "my-scale" version 1.
ALTER TABLE instrument_versions ADD COLUMN organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE;
ALTER TABLE instrument_versions DROP CONSTRAINT instrument_versions_instrument_key_version_key;
CREATE UNIQUE INDEX instrument_versions_built_in_key_version_idx
  ON instrument_versions (instrument_key, version) WHERE organization_id IS NULL;
CREATE UNIQUE INDEX instrument_versions_organization_key_version_idx
  ON instrument_versions (organization_id, instrument_key, version) WHERE organization_id IS NOT NULL;
