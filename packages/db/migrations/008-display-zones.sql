-- A hall display may be given its zone when a technician approves it: the numbers of the counters
-- whose calls it shows, comma-separated ("1,2,3"), used when the display's own station.json or
-- --zone sets none. Null for every other kind of device, and for a display shown the whole hall.
-- A new nullable column: no rebuild of the table (nothing else of the devices changes).
ALTER TABLE devices ADD COLUMN zone TEXT;
