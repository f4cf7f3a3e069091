-- Citizens' feedback (góp ý, phản ánh) left at the centre, answered by an administrator. The phone
-- number is kept as the citizen gave it (normalized: digits, or +84 and digits), for a call back; it
-- and the text never go to the logs. Read newest first by id, filtered by status.
CREATE TABLE feedback (
  id             INTEGER PRIMARY KEY,
  text           TEXT NOT NULL CHECK (length(text) BETWEEN 5 AND 2000),
  phone          TEXT,
  counter_number INTEGER,
  about          TEXT,
  status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'answered')),
  reply          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT,
  updated_by     TEXT -- the name of who last changed it, as it was then
) STRICT;

CREATE INDEX feedback_by_status ON feedback (status, id);
