-- Whether researchers may receive this wave's free-text comments in the respondent-level export.
-- Free text can identify its writer whatever the coarsening, so it is off unless the manager turns
-- it on, and (like the wave's thresholds) only while the wave is a draft: before anyone answers.
ALTER TABLE waves ADD COLUMN allow_comment_export boolean NOT NULL DEFAULT false;
