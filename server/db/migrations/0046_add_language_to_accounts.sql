-- The language a staff member chose for PeerClimate's staff pages, remembered with the account so
-- it follows them to any browser. NULL until they choose (their browser's choice applies then).
-- Survey pages keep their own choice (the instrument's languages).
ALTER TABLE accounts ADD COLUMN language text CHECK (language IN ('en', 'es'));
