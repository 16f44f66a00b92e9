-- The wave's units as they were when it closed (id and name). Every view of a closed wave
-- reports these units under these names, so renaming a unit or adding one later changes nothing.
ALTER TABLE closed_wave_aggregates ADD COLUMN units jsonb NOT NULL DEFAULT '[]'::jsonb;
