-- Which start-ups' search entries changed, and at which directory
-- generation: one row per start-up, rewritten with each change. A server
-- that keeps the search index in memory (directory/resident.go) and has
-- seen generation G reads the rows above G to catch up. The code that
-- writes an entry raises the generation first in the same transaction,
-- and SQLite lets one transaction write at a time, so once a reader sees
-- generation G every row stamped G or lower has been committed.
CREATE TABLE startup_search_changes (
    startup_id INTEGER PRIMARY KEY,
    gen        INTEGER NOT NULL
);
CREATE INDEX startup_search_changes_gen ON startup_search_changes (gen);
