-- The day any result or download of a wave was first shown to anyone. From then on the wave is
-- final: it cannot be reopened, because a late answer would be the difference between two reads.
ALTER TABLE waves ADD COLUMN released_on date;
