-- A role held by an account in one organization; one person may hold roles in several.
CREATE TABLE memberships (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('manager', 'researcher')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, organization_id, role)
);
CREATE INDEX memberships_organization_id_idx ON memberships (organization_id);
