-- A closed wave's dashboard aggregates (per unit × role group cell: score bins, item answer
-- counts, sums for the driver correlations), computed once when it closes instead of on every
-- view. Only sums of a wave's responses are kept, never one response. They stay valid while
-- the wave holds `responses` responses: responses are never edited, so a reopened wave that
-- receives more no longer matches and is computed again.
CREATE TABLE closed_wave_aggregates (
  wave_id uuid PRIMARY KEY REFERENCES waves (id) ON DELETE CASCADE,
  responses integer NOT NULL,
  cells jsonb NOT NULL
);
