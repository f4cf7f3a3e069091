-- The wait a citizen was promised: the estimate the kiosk printed when the ticket was issued (null
-- when no counter serving the field was open), kept so the reports can measure the estimate against
-- the wait that followed (issue 13).
ALTER TABLE tickets ADD COLUMN estimated_wait_seconds INTEGER;

-- The roll-ups' figures change form (compact histograms, and the estimates' error): days rolled up
-- before are rolled up again when the hub starts (their tickets are all still there).
DELETE FROM report_days;
DELETE FROM report_days_done;
