-- The version of what a bearer token stands for: bumped by a trigger on every change to a token, to
-- what a user's principal is made of, or to a device's. The hub caches tokens and empties the cache
-- when this changes, whoever made the change (the hub or the qms command on the same file). Before,
-- it watched PRAGMA data_version, which every queue change moves: under load the cache was emptied
-- every few milliseconds and each request read its token from the database (issue 15).
CREATE TABLE access_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO access_version (id, version) VALUES (1, 0);

CREATE TRIGGER access_version_token_changed AFTER UPDATE ON tokens
BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_token_deleted AFTER DELETE ON tokens
BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_user_changed AFTER UPDATE OF username, role, display_name, active ON users
BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_user_deleted AFTER DELETE ON users
BEGIN
  UPDATE access_version SET version = version + 1;
END;
-- Not last_seen_at: a device's token in use updates it (once a minute), and the principal does not depend on it.
CREATE TRIGGER access_version_device_changed AFTER UPDATE OF kind, name, status, counter_id, zone ON devices
BEGIN
  UPDATE access_version SET version = version + 1;
END;
CREATE TRIGGER access_version_device_deleted AFTER DELETE ON devices
BEGIN
  UPDATE access_version SET version = version + 1;
END;
