-- The invitations not used yet. Using one DELETEs its row in the transaction that stores the
-- response. A delete leaves no live row behind, whereas flipping an is_used flag would leave
-- a row whose system column xmin equals the response row's xmin: a join from token to answers.
CREATE TABLE unused_invitations (
  token_hash text PRIMARY KEY REFERENCES invitations (token_hash) ON DELETE CASCADE
);
