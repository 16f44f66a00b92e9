-- Two organizations with one name would be indistinguishable to a platform admin.
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));
