-- A short numeric PIN a clerk can type at a counter station instead of the password (scrypt hash).
ALTER TABLE users ADD COLUMN pin_hash TEXT;
