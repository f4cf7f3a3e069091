-- A placeholder on branch h6 only: migration 010 is the procedures catalogue, written on another
-- branch at the same time. The loader wants 001, 002 ... without gaps, so 011 (feedback) needs a 010
-- here. At the merge this file (and fixture 10 of migrate.test.ts) gives way to the real 010.
SELECT 1;
