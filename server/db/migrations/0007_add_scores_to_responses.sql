-- Per-response subscale scores (subscale key -> mean item score after reverse coding), written by
-- the scoring engine at submission so dashboards aggregate them in SQL without re-implementing
-- the scoring rules. A subscale left unscored by the missing-data rule is absent from the object.
-- Rows stored before this column existed get a JSON null ("not scored yet"), which start-up
-- replaces with their computed scores; new rows default to the empty object.
ALTER TABLE responses ADD COLUMN scores jsonb NOT NULL DEFAULT 'null'::jsonb;
ALTER TABLE responses ALTER COLUMN scores SET DEFAULT '{}'::jsonb;
