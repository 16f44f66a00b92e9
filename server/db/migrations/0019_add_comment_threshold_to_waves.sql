-- Comments need more respondents than numbers, since free text can identify its writer.
-- Like the minimum group size k, it is fixed once a wave opens (the survey page promises it);
-- a value below k acts as k.
ALTER TABLE waves ADD COLUMN comment_threshold integer NOT NULL DEFAULT 10 CHECK (comment_threshold >= 3);
