-- The identity a citizen showed at the kiosk (CCCD scan), kept apart from the ticket so that the
-- live events never carry it. Only the masked number is stored, never the full one.
CREATE TABLE ticket_citizens (
  ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  id_masked  TEXT NOT NULL CHECK (id_masked GLOB '[0-9][0-9][0-9]*[0-9][0-9][0-9]' AND id_masked GLOB '*[*]*')
) STRICT;

-- What a station reports about its hardware (printer out of paper, scanner gone) for the technician.
-- One row per device and source: raised again it is updated, cleared it keeps cleared_at.
CREATE TABLE device_alerts (
  id         INTEGER PRIMARY KEY,
  device_id  INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  source     TEXT NOT NULL,
  code       TEXT NOT NULL,
  message    TEXT NOT NULL,
  raised_at  TEXT NOT NULL,
  cleared_at TEXT,
  UNIQUE (device_id, source)
) STRICT;
