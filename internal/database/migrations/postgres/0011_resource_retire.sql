-- A retired resource takes no new bookings; those it already holds stand.
ALTER TABLE resources ADD COLUMN retired_at TIMESTAMPTZ;
