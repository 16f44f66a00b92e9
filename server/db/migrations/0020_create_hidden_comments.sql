-- Comments a manager hid from the dashboard. Comments are never edited; hiding is recorded in
-- the audit log. The response id is random, so this table says nothing about who wrote it.
CREATE TABLE hidden_comments (
  response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question text NOT NULL,
  hidden_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  PRIMARY KEY (response_id, question)
);
