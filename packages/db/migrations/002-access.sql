-- Who may call the hub: people (users with a role) and paired station devices, with their tokens.
-- Passwords are scrypt hashes; tokens and pairing secrets are stored as SHA-256 digests only.

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role                TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'staff')),
  display_name        TEXT NOT NULL DEFAULT '',
  password_hash       TEXT NOT NULL,
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;

CREATE TABLE devices (
  id                  INTEGER PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display')),
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

CREATE UNIQUE INDEX devices_pending_code ON devices (pairing_code) WHERE status = 'pending';

CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
  device_id  INTEGER REFERENCES devices (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  CHECK ((user_id IS NULL) <> (device_id IS NULL))
) STRICT;

CREATE INDEX tokens_by_user ON tokens (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX tokens_by_device ON tokens (device_id) WHERE device_id IS NOT NULL;
