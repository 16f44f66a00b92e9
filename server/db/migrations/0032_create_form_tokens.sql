-- Single-use form tokens for open links: issued with the survey page, consumed by its submission.
-- Only the token's SHA-256 is kept, with the link and the day it was issued (for pruning): no
-- time of day, nothing about the visitor. The expiry travels inside the token itself, so this row
-- holds no moment that a dead row version could place next to a response.
CREATE TABLE form_tokens (
  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
  wave_link_id uuid NOT NULL REFERENCES wave_links (id) ON DELETE CASCADE,
  issued_on date NOT NULL DEFAULT current_date
);
