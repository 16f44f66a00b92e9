-- An archived unit is never offered to new waves; its past waves and results stay as they were.
ALTER TABLE units ADD COLUMN archived_at timestamptz;
