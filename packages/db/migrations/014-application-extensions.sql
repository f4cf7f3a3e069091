-- New promised dates of late applications (gia hạn, with the apology form "Phiếu xin lỗi và hẹn lại
-- ngày trả kết quả"): who, when, the date promised before and the new one, and why. The citizen is
-- shown the latest new date; the on-time figures still judge by the promise made at receipt
-- (applications.due_at and the pauses), so an extension never turns a late application on time.
CREATE TABLE application_extensions (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id),
  at             TEXT NOT NULL,
  by_name        TEXT NOT NULL,
  from_due_at    TEXT NOT NULL,                -- the date promised before this extension
  to_due_at      TEXT NOT NULL CHECK (to_due_at > from_due_at),
  reason         TEXT NOT NULL CHECK (length(reason) > 0)
) STRICT;

CREATE INDEX application_extensions_by_application ON application_extensions (application_id, id);
