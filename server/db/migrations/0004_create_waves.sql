CREATE TABLE waves (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  instrument_version_id uuid NOT NULL REFERENCES instrument_versions (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  min_group_size integer NOT NULL DEFAULT 5 CHECK (min_group_size >= 3),
  opens_on date,
  closes_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name),
  CHECK (closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on)
);
CREATE INDEX waves_organization_id_idx ON waves (organization_id);
