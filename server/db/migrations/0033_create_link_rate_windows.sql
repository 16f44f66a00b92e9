-- How many survey pages each open link handed out in its current ten-minute window: one row per
-- link, overwritten when a new window starts. It counts page views (form tokens issued), never
-- responses, so it says nothing about when anyone answered.
CREATE TABLE link_rate_windows (
  wave_link_id uuid PRIMARY KEY REFERENCES wave_links (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  issued integer NOT NULL CHECK (issued >= 0)
);
