-- How many people work in the unit, as the manager knows it: the denominator of an open-link
-- wave's response rate. NULL: not given.
ALTER TABLE units ADD COLUMN headcount integer CHECK (headcount IS NULL OR headcount BETWEEN 1 AND 100000);
