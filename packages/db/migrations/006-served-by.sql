-- Who served a ticket: the id of the user (clerk) who called it, or who last started or finished it.
-- NULL before a call, when a station without a signed-in clerk acted, and once it waits again.
-- No foreign key, as in the audit log: the record of who served outlives what it names.
ALTER TABLE tickets ADD COLUMN served_by INTEGER;
