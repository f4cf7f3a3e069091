-- Applications (hồ sơ) received at the centre's counters, and the history of their statuses.
-- The code CENTRE-YYMMDD-NNNN is unique; the sequence NNNN is unique within the business day of
-- receipt (computed in the transaction that inserts, so two receipts never share one). The
-- procedure is copied as it was at receipt (code, name, processing days): the catalogue may change
-- or be replaced later, an application keeps what was promised (so no foreign key to procedures).
-- Never stored in clear: the lookup secret (only its keyed digest) and the citizen-ID number (only
-- masked, 001******345, and a keyed digest to find a citizen's applications).
CREATE TABLE applications (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  business_day     TEXT NOT NULL,              -- YYYY-MM-DD, centre time, of receipt
  sequence         INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 9999),
  procedure_id     INTEGER NOT NULL,
  procedure_code   TEXT NOT NULL,
  procedure_name   TEXT NOT NULL,
  processing_days  INTEGER NOT NULL CHECK (processing_days >= 0),
  status           TEXT NOT NULL CHECK (status IN ('registered', 'received', 'refused', 'processing', 'awaiting_documents', 'awaiting_payment', 'withdrawn', 'stopped', 'processed', 'returned')),
  channel          TEXT NOT NULL CHECK (channel IN ('counter', 'online', 'post')),
  applicant_name   TEXT NOT NULL,
  applicant_phone  TEXT,
  applicant_address TEXT,
  id_masked        TEXT,
  id_digest        TEXT,
  documents        TEXT NOT NULL DEFAULT '[]', -- JSON [{name, original, copies}]
  secret_digest    TEXT NOT NULL,
  received_at      TEXT NOT NULL,
  due_at           TEXT NOT NULL,              -- the promised instant at receipt (pauses extend it when read)
  received_by      TEXT NOT NULL,              -- the receiving officer's name, as the audit log names them
  search           TEXT NOT NULL,              -- folded code, applicant name and procedure name, for q=
  UNIQUE (business_day, sequence)
) STRICT;

CREATE INDEX applications_by_status ON applications (status, id);
CREATE INDEX applications_by_day ON applications (business_day, id);
CREATE INDEX applications_by_id_digest ON applications (id_digest) WHERE id_digest IS NOT NULL;

CREATE TABLE application_history (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id),
  from_status    TEXT,                         -- NULL for the receipt itself
  status         TEXT NOT NULL,
  at             TEXT NOT NULL,
  by_name        TEXT NOT NULL,
  note           TEXT
) STRICT;

CREATE INDEX application_history_by_application ON application_history (application_id, id);
