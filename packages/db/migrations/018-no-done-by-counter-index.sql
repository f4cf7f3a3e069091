-- The rating pad's "last ticket finished at this counter" reads only the last minutes (a rating is
-- open for ratingWindowSeconds after the finish): through tickets_done (by field, day and finish
-- time), not an index of its own. One page fewer written by every finish (issue 15).
DROP INDEX tickets_done_by_counter;
