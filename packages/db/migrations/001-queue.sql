-- The queue: services (fields), counters, tickets, the event log, settings.
-- Instants are ISO 8601 UTC text; business days are YYYY-MM-DD in the centre's time zone.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE services (
  id                      INTEGER PRIMARY KEY,
  code                    TEXT NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  name_en                 TEXT NOT NULL,
  prefix                  TEXT NOT NULL UNIQUE,
  range_start             INTEGER NOT NULL,
  range_end               INTEGER NOT NULL,
  opening_hours           TEXT NOT NULL DEFAULT '[]',  -- JSON [{days:[1..7], open:"HH:MM", close:"HH:MM"}]
  active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  position                INTEGER NOT NULL DEFAULT 0,
  default_service_seconds INTEGER NOT NULL DEFAULT 300,
  CHECK (range_start >= 0 AND range_start <= range_end)
) STRICT;

CREATE TABLE counters (
  id     INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  name   TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused'))
) STRICT;

-- The services a counter serves, in priority order.
CREATE TABLE counter_services (
  counter_id INTEGER NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services (id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (counter_id, service_id)
) STRICT;

CREATE TABLE tickets (
  id               INTEGER PRIMARY KEY,
  business_day     TEXT NOT NULL,
  issue_service_id INTEGER NOT NULL REFERENCES services (id),
  number           INTEGER NOT NULL,
  label            TEXT NOT NULL,
  service_id       INTEGER NOT NULL REFERENCES services (id),
  priority         TEXT NOT NULL CHECK (priority IN ('normal', 'elderly', 'disabled', 'pregnant', 'child')),
  is_priority      INTEGER GENERATED ALWAYS AS (priority <> 'normal') VIRTUAL,
  status           TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
  counter_id       INTEGER REFERENCES counters (id),
  issued_at        TEXT NOT NULL,
  called_at        TEXT,
  started_at       TEXT,
  finished_at      TEXT,
  recall_count     INTEGER NOT NULL DEFAULT 0,
  transfer_count   INTEGER NOT NULL DEFAULT 0,
  issued_by        TEXT NOT NULL,
  idempotency_key  TEXT,
  UNIQUE (business_day, issue_service_id, number),
  UNIQUE (business_day, label)
) STRICT;

-- A counter holds at most one ticket, and so a ticket is never held by two counters.
CREATE UNIQUE INDEX tickets_one_per_counter ON tickets (counter_id) WHERE status IN ('called', 'serving');
CREATE UNIQUE INDEX tickets_idempotency ON tickets (issued_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tickets_waiting ON tickets (service_id, is_priority, issued_at, id) WHERE status = 'waiting';
-- Indexes are few on purpose: each one is another page written (and fsynced) by a change.
-- A day's tickets are found through the first unique index (business_day comes first).
-- Today's service times of a service, for the estimated wait (covering: no table lookups).
CREATE INDEX tickets_done ON tickets (service_id, business_day, finished_at, called_at, started_at) WHERE status = 'done';

-- Every published change, kept so a station that reconnects receives what it missed.
-- seq is the rowid: max + 1 on insert, and pruning only ever removes the oldest rows, so it only grows
-- (AUTOINCREMENT would add a write to sqlite_sequence to every change).
CREATE TABLE events (
  seq     INTEGER PRIMARY KEY,
  type    TEXT NOT NULL,
  at      TEXT NOT NULL,
  payload TEXT NOT NULL -- JSON object; the message sent is {"seq","type","at", ...payload}
) STRICT;
