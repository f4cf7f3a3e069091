-- Results pickup: the ticket a citizen took at the kiosk (by the receipt's QR) to collect the result
-- of an application at the results counter. One row a ticket; an application may get another
-- ticket later (the first one missed, cancelled, or served without the result handed over).
CREATE TABLE application_pickups (
  ticket_id      INTEGER PRIMARY KEY REFERENCES tickets (id),
  application_id INTEGER NOT NULL REFERENCES applications (id),
  issued_at      TEXT NOT NULL
) STRICT;

CREATE INDEX application_pickups_by_application ON application_pickups (application_id, ticket_id);
