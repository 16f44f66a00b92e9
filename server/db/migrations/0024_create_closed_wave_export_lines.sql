-- A closed wave's respondent-level export, read once out of the stored answers when the wave
-- closes (reading ~40 values out of every answer object is what an export spends its time on),
-- so each download streams these narrow rows in id order instead. Per response: what the file
-- coarsens (unit, role group, tenure band), the month, the number columns already written as
-- text, the other coded answers, and whether every number column held a number. Comments are
-- not kept: a manager may hide one after the close, so a file with comments reads them live.
-- `layout` names the columns the rows were written for; a file with other columns, or a wave
-- that holds another number of responses than `responses`, reads the answers live instead.
CREATE TABLE closed_wave_exports (
  wave_id uuid PRIMARY KEY REFERENCES waves (id) ON DELETE CASCADE,
  layout text NOT NULL,
  responses integer NOT NULL
);

CREATE TABLE closed_wave_export_lines (
  wave_id uuid NOT NULL REFERENCES closed_wave_exports (wave_id) ON DELETE CASCADE,
  response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  instrument_version_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  role_group text,
  tenure text,
  submission_month text NOT NULL,
  runs text NOT NULL,
  coded jsonb NOT NULL,
  is_well_typed boolean NOT NULL,
  PRIMARY KEY (wave_id, response_id)
);
