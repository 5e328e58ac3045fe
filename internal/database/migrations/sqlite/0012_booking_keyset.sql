-- Lists of bookings page by id (k.id > cursor ORDER BY k.id) within a
-- resource or a start-up. With these, PostgreSQL's generic plan for the
-- prepared list no longer walks every booking by id and filters: at a
-- million bookings that took 165 ms for a resource whose bookings are the
-- newest.
CREATE INDEX bookings_resource_id ON bookings(resource_id, id);
CREATE INDEX bookings_startup_id ON bookings(startup_id, id);
