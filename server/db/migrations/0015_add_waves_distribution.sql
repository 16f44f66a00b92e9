-- How a wave reaches respondents: one open link per unit, or single-use invitations. A wave
-- uses one mode only, so an open link can never bypass the one-response-per-invitation rule.
ALTER TABLE waves ADD COLUMN distribution text NOT NULL DEFAULT 'open_link'
  CHECK (distribution IN ('open_link', 'invitation'));
