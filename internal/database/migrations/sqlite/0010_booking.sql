-- Incubation base points, their shared resources and bookings (SPEC §3.3),
-- and the private calendar feed address of each user (SPEC §3.6).

CREATE TABLE basepoints (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    region_code    TEXT NOT NULL REFERENCES regions(code),
    name_ko        TEXT NOT NULL DEFAULT '',
    name_zh        TEXT NOT NULL DEFAULT '',
    name_en        TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    -- The IANA zone opening hours and alignment are read in.
    time_zone      TEXT NOT NULL,
    -- {"mon": ["09:00", "18:00"], …}; a weekday that is absent is closed.
    opening_hours  TEXT NOT NULL DEFAULT '{}',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    CHECK (name_ko <> '' OR name_zh <> '' OR name_en <> '')
);
CREATE INDEX basepoints_institution ON basepoints(institution_id);

CREATE TABLE resources (
    id                      INTEGER PRIMARY KEY,
    basepoint_id            INTEGER NOT NULL REFERENCES basepoints(id),
    kind                    TEXT NOT NULL CHECK (kind IN ('desk', 'meeting_room', 'facility', 'tech_service')),
    name_ko                 TEXT NOT NULL DEFAULT '',
    name_zh                 TEXT NOT NULL DEFAULT '',
    name_en                 TEXT NOT NULL DEFAULT '',
    capacity                INTEGER NOT NULL CHECK (capacity >= 1),
    -- Minutes a booking is aligned to; 0 means whole days.
    granularity_minutes     INTEGER NOT NULL CHECK (granularity_minutes >= 0),
    approval_required       INTEGER NOT NULL DEFAULT 0,
    open_to                 TEXT NOT NULL CHECK (open_to IN ('own_region', 'all_regions')),
    lead_time_minutes       INTEGER NOT NULL DEFAULT 0 CHECK (lead_time_minutes >= 0),
    max_advance_days        INTEGER NOT NULL CHECK (max_advance_days >= 1),
    cancel_deadline_minutes INTEGER NOT NULL DEFAULT 0 CHECK (cancel_deadline_minutes >= 0),
    -- Price per granule (or per day) and unit, in minor units of currency.
    price_minor             INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
    price_currency          TEXT,
    -- Quota per start-up and calendar month, in minutes × units booked.
    monthly_quota_minutes   INTEGER CHECK (monthly_quota_minutes IS NULL OR monthly_quota_minutes >= 0),
    version                 INTEGER NOT NULL DEFAULT 1,
    created_at              TIMESTAMP NOT NULL,
    CHECK (name_ko <> '' OR name_zh <> '' OR name_en <> '')
);
CREATE INDEX resources_basepoint ON resources(basepoint_id);

-- A weekly recurring booking: its occurrences are bookings with its id.
CREATE TABLE booking_series (
    id         INTEGER PRIMARY KEY,
    weeks      INTEGER NOT NULL CHECK (weeks >= 1),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE bookings (
    id          INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources(id),
    startup_id  INTEGER NOT NULL REFERENCES startups(id),
    booked_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    series_id   INTEGER REFERENCES booking_series(id),
    start_at    TIMESTAMP NOT NULL,
    end_at      TIMESTAMP NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    -- pending and confirmed hold capacity; the others do not.
    status      TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show')),
    note        TEXT NOT NULL DEFAULT '',
    decided_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at  TIMESTAMP,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX bookings_resource_end ON bookings(resource_id, end_at);
CREATE INDEX bookings_startup ON bookings(startup_id, start_at);
CREATE INDEX bookings_status ON bookings(status, start_at);

-- The secret address of a user's calendar feed, kept as a SHA-256 hash.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
