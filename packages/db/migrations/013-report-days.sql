-- The queue's reports, rolled up per business day when the day is over: one row per day, dimension
-- ('all', 'service', 'counter', 'staff', 'hour') and key (the field, counter or user id, the hour
-- 0..23, '' for the whole day). `figures` is the JSON of core's ReportFigures: counts, and waits
-- and service times as whole-second histograms, which merge exactly (a year's p90 is the p90 of
-- its tickets). A day is rolled up once, after it ends; today is always read from the tickets.
-- Without rowid: the rows are found and kept in the order of the key (dimension, then day).
CREATE TABLE report_days (
  dim          TEXT NOT NULL CHECK (dim IN ('all', 'service', 'counter', 'staff', 'hour')),
  business_day TEXT NOT NULL,
  key          TEXT NOT NULL,
  figures      TEXT NOT NULL,
  PRIMARY KEY (dim, business_day, key)
) STRICT, WITHOUT ROWID;

-- Which days are rolled up (a day with no ticket has a row here and none above).
CREATE TABLE report_days_done (
  business_day TEXT PRIMARY KEY,
  tickets      INTEGER NOT NULL,
  rolled_at    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
