-- Optional: how many people a unit has. Once its open link has stored that many responses, it
-- takes no more (a flood cannot outnumber the team).
ALTER TABLE wave_links ADD COLUMN headcount integer CHECK (headcount IS NULL OR headcount BETWEEN 1 AND 100000);
