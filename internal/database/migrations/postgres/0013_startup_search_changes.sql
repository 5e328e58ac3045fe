-- Which start-ups' search entries changed, and at which directory
-- generation: one row per start-up, rewritten with each change. A server
-- that keeps the search index in memory (directory/resident.go) and has
-- seen generation G reads the rows above G to catch up.
CREATE TABLE startup_search_changes (
    startup_id BIGINT PRIMARY KEY,
    gen        BIGINT NOT NULL
);
CREATE INDEX startup_search_changes_gen ON startup_search_changes (gen);

-- directory_generation_mark raises the generation once per transaction,
-- as the triggers of 0009 do, and returns it. The transaction then holds
-- the generation's row until it ends, so generations are taken in the
-- order their transactions commit: once a reader sees generation G, every
-- change stamped G or lower has been committed.
CREATE FUNCTION directory_generation_mark() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    g bigint;
BEGIN
    UPDATE directory_generation SET n = n + 1, tx = pg_current_xact_id()::text::bigint
        WHERE id = 1 AND tx IS DISTINCT FROM pg_current_xact_id()::text::bigint;
    SELECT n INTO g FROM directory_generation WHERE id = 1;
    RETURN g;
END $$;
