-- The directory's generation: a number that every change to a start-up or
-- investor profile raises in the same transaction, kept by triggers so no
-- write path can forget it. Servers keep recent list and search answers
-- tagged with the generation they were computed at, and read this one row
-- before answering from them: an edit committed through any server sharing
-- the database is seen by every server's next read.
CREATE TABLE directory_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL,
    -- The transaction that raised it last: a transaction raises it once,
    -- however many statements it runs, so an import of thousands of rows
    -- leaves one row version behind, not thousands.
    tx BIGINT
);
INSERT INTO directory_generation (id, n) VALUES (1, 1);

CREATE FUNCTION directory_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_generation SET n = n + 1, tx = pg_current_xact_id()::text::bigint
        WHERE id = 1 AND tx IS DISTINCT FROM pg_current_xact_id()::text::bigint;
    RETURN NULL;
END $$;

CREATE TRIGGER startups_generation AFTER INSERT OR UPDATE OR DELETE ON startups
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
CREATE TRIGGER startup_sectors_generation AFTER INSERT OR UPDATE OR DELETE ON startup_sectors
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
CREATE TRIGGER investors_generation AFTER INSERT OR UPDATE OR DELETE ON investors
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
CREATE TRIGGER investor_sectors_generation AFTER INSERT OR UPDATE OR DELETE ON investor_sectors
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
CREATE TRIGGER investor_stages_generation AFTER INSERT OR UPDATE OR DELETE ON investor_stages
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
CREATE TRIGGER investor_regions_generation AFTER INSERT OR UPDATE OR DELETE ON investor_regions
    FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
