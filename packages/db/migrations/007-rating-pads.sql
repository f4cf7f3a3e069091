-- A new kind of device: the citizen's rating pad on a tablet, tied to one counter. SQLite cannot
-- change a CHECK constraint in place, so the devices table is rebuilt (migrate() runs this with
-- foreign keys off, so tokens and alerts keep their devices, and checks them before the commit).
CREATE TABLE devices_new (
  id                  INTEGER PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display', 'rating')),
  name                TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
  pairing_code        TEXT,
  pairing_secret_hash TEXT,
  pairing_expires_at  TEXT,
  counter_id          INTEGER REFERENCES counters (id),
  remote_address      TEXT,
  created_at          TEXT NOT NULL,
  approved_at         TEXT,
  approved_by         TEXT,
  revoked_at          TEXT,
  last_seen_at        TEXT
) STRICT;

INSERT INTO devices_new SELECT id, kind, name, status, pairing_code, pairing_secret_hash, pairing_expires_at, counter_id, remote_address,
  created_at, approved_at, approved_by, revoked_at, last_seen_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_new RENAME TO devices;
CREATE UNIQUE INDEX devices_pending_code ON devices (pairing_code) WHERE status = 'pending';

-- The rating pad asks for the last ticket finished at its counter: found through this index, never a
-- scan of every day's tickets. Only finished tickets are in it (one more page written by a finish).
CREATE INDEX tickets_done_by_counter ON tickets (counter_id, finished_at) WHERE status = 'done';
