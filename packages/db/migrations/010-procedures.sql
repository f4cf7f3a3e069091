-- The catalogue of administrative procedures (thủ tục hành chính) the centre receives: what the
-- kiosk and the citizens' pages list. Each belongs to a field (service) and is known by its national
-- code. `search` is the folded name and code (no accents, đ as d, lower case: "dang ky khai sinh
-- 1.001193"), written with the row, so a search is one scan of this small table with instr(), and
-- the list is ordered by it (the folded name first).
CREATE TABLE procedures (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  name_en         TEXT,
  service_id      INTEGER NOT NULL REFERENCES services (id),
  processing_days INTEGER NOT NULL CHECK (processing_days >= 0),
  fee             TEXT NOT NULL DEFAULT '',
  fee_amount      INTEGER CHECK (fee_amount IS NULL OR fee_amount >= 0), -- VND; NULL: free or varies
  documents       TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, original: count|null, copies: count|null}]
  applicants      TEXT NOT NULL DEFAULT '',
  level           TEXT NOT NULL CHECK (level IN ('mot-phan', 'toan-trinh')),
  portal_url      TEXT,                        -- as given, never built from the code
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  search          TEXT NOT NULL
) STRICT;

-- The kiosk lists a field's procedures.
CREATE INDEX procedures_by_service ON procedures (service_id, search);
