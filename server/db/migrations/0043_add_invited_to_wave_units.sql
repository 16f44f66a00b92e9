-- How many personal invitations (addresses and cards) a unit had when its wave closed: the
-- invitations themselves are deleted then, and the dashboard's response rate still needs the count.
ALTER TABLE wave_units ADD COLUMN invited integer CHECK (invited IS NULL OR invited >= 0);
