-- PostgreSQL's step of this number stops its search indexes from keeping a
-- pending list of new entries that every search scans. SQLite's FTS5 has
-- no such list to scan (new entries are segments it merges as it goes),
-- so there is nothing to change here; the step keeps the numbering the
-- same on both engines.
SELECT 1;
