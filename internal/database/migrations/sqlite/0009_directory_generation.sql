-- The directory's generation: a number that every change to a start-up or
-- investor profile raises in the same transaction, kept by triggers so no
-- write path can forget it. Servers keep recent list and search answers
-- tagged with the generation they were computed at, and read this one row
-- before answering from them: an edit committed through any server sharing
-- the database is seen by every server's next read.
CREATE TABLE directory_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO directory_generation (id, n) VALUES (1, 1);

-- SQLite rewrites the one row in place; a batch of many rows pays a page
-- already in the cache.
CREATE TRIGGER startups_generation_insert AFTER INSERT ON startups BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER startups_generation_update AFTER UPDATE ON startups BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER startups_generation_delete AFTER DELETE ON startups BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER startup_sectors_generation_insert AFTER INSERT ON startup_sectors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER startup_sectors_generation_delete AFTER DELETE ON startup_sectors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investors_generation_insert AFTER INSERT ON investors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investors_generation_update AFTER UPDATE ON investors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investors_generation_delete AFTER DELETE ON investors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_sectors_generation_insert AFTER INSERT ON investor_sectors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_sectors_generation_delete AFTER DELETE ON investor_sectors BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_stages_generation_insert AFTER INSERT ON investor_stages BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_stages_generation_delete AFTER DELETE ON investor_stages BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_regions_generation_insert AFTER INSERT ON investor_regions BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER investor_regions_generation_delete AFTER DELETE ON investor_regions BEGIN
    UPDATE directory_generation SET n = n + 1 WHERE id = 1;
END;
