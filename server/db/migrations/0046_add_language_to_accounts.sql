-- The language a staff member reads PeerClimate in, remembered with the account so it follows
-- them to any browser. Survey pages keep their own choice (the instrument's languages).
ALTER TABLE accounts ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
