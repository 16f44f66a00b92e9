-- Days whose responses the sweep has rewritten in random order (see server/respond/sweep/), so
-- each finished day is rewritten once. A day, never a time: the table says only that a day is over.
CREATE TABLE rewritten_response_days (
  day date PRIMARY KEY
);
