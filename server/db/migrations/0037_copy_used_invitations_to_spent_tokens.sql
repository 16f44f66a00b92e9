-- Invitations used before the spent set existed: their tokens are unknown here, so their spent
-- rows hold the invitation's own hash, which the lookup also checks. This says only which of
-- these older invitations were used, which `unused_invitations` already said.
INSERT INTO spent_tokens (token_hash, wave_id)
SELECT i.token_hash, i.wave_id FROM invitations i
WHERE NOT EXISTS (SELECT 1 FROM unused_invitations u WHERE u.token_hash = i.token_hash);
