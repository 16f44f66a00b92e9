-- Keys the servers share (every process of a fleet must open what another sealed). Created on
-- first use; never logged or shown.
CREATE TABLE server_keys (
  name text PRIMARY KEY,
  key bytea NOT NULL CHECK (length(key) = 32)
);
