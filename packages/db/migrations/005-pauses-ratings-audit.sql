-- Pauses of counters (when each started and ended, and why), citizens' ratings of finished tickets,
-- and the audit log: who did what to which ticket or counter, and every configuration change.

CREATE TABLE counter_pauses (
  id         INTEGER PRIMARY KEY,
  counter_id INTEGER NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
  reason     TEXT CHECK (reason IN ('break', 'meeting', 'system_fault')), -- NULL: paused without a reason
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;

-- A counter has at most one pause going on; it gives the counter's pause reason.
CREATE UNIQUE INDEX counter_pauses_current ON counter_pauses (counter_id) WHERE ended_at IS NULL;

-- Counters paused before pauses were kept: their pause starts now, without a reason.
INSERT INTO counter_pauses (counter_id, reason, started_at)
  SELECT id, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM counters WHERE status = 'paused';

-- One rating per ticket, with the scale it was given on (the scale may change later).
CREATE TABLE ticket_ratings (
  ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id),
  score      INTEGER NOT NULL,
  levels     INTEGER NOT NULL CHECK (levels BETWEEN 3 AND 5),
  counter_id INTEGER REFERENCES counters (id),
  rated_at   TEXT NOT NULL,
  CHECK (score BETWEEN 1 AND levels)
) STRICT;

-- Append-only. No foreign keys: an entry outlives what it names. The actor's name is kept as it was.
-- Details are a JSON object and never carry a citizen's identity. Paged newest first by id.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('user', 'device', 'system')),
  actor_id   INTEGER,
  actor_name TEXT NOT NULL,
  action     TEXT NOT NULL,
  ticket_id  INTEGER,
  counter_id INTEGER,
  details    TEXT NOT NULL DEFAULT '{}'
) STRICT;
