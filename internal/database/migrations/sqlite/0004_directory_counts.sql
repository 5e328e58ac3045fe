-- What a directory list needs without extra reads at a million start-ups:
-- the sector codes on the start-up's own row (comma-separated, taxonomy
-- order; startup_sectors stays the table filters use), and the facet
-- counts per region × stage × visibility (× sector), kept by triggers in
-- the transaction of every change, so a list without a search query counts
-- its facets from a few hundred rows instead of the whole directory.
ALTER TABLE startups ADD COLUMN sector_codes TEXT NOT NULL DEFAULT '';
UPDATE startups SET sector_codes = COALESCE((
    SELECT group_concat(code, ',') FROM (
        SELECT ss.sector_code AS code FROM startup_sectors ss JOIN sectors c ON c.code = ss.sector_code
        WHERE ss.startup_id = startups.id ORDER BY c.position)), '');

CREATE TABLE startup_counts (
    region_code TEXT NOT NULL,
    stage       TEXT NOT NULL,
    visibility  TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (region_code, stage, visibility)
);
INSERT INTO startup_counts (region_code, stage, visibility, n)
    SELECT region_code, stage, visibility, COUNT(*) FROM startups GROUP BY region_code, stage, visibility;

CREATE TABLE startup_sector_counts (
    region_code TEXT NOT NULL,
    stage       TEXT NOT NULL,
    visibility  TEXT NOT NULL,
    sector_code TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (region_code, stage, visibility, sector_code)
);
INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
    SELECT s.region_code, s.stage, s.visibility, ss.sector_code, COUNT(*)
    FROM startup_sectors ss JOIN startups s ON s.id = ss.startup_id
    GROUP BY s.region_code, s.stage, s.visibility, ss.sector_code;

CREATE TRIGGER startups_counted AFTER INSERT ON startups BEGIN
    INSERT INTO startup_counts (region_code, stage, visibility, n) VALUES (NEW.region_code, NEW.stage, NEW.visibility, 1)
        ON CONFLICT (region_code, stage, visibility) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER startups_uncounted BEFORE DELETE ON startups BEGIN
    UPDATE startup_counts SET n = n - 1
        WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility;
    UPDATE startup_sector_counts SET n = n - 1
        WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility
          AND sector_code IN (SELECT sector_code FROM startup_sectors WHERE startup_id = OLD.id);
END;

CREATE TRIGGER startups_recounted AFTER UPDATE OF region_code, stage, visibility ON startups
WHEN OLD.region_code <> NEW.region_code OR OLD.stage <> NEW.stage OR OLD.visibility <> NEW.visibility BEGIN
    UPDATE startup_counts SET n = n - 1
        WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility;
    INSERT INTO startup_counts (region_code, stage, visibility, n) VALUES (NEW.region_code, NEW.stage, NEW.visibility, 1)
        ON CONFLICT (region_code, stage, visibility) DO UPDATE SET n = n + 1;
    UPDATE startup_sector_counts SET n = n - 1
        WHERE region_code = OLD.region_code AND stage = OLD.stage AND visibility = OLD.visibility
          AND sector_code IN (SELECT sector_code FROM startup_sectors WHERE startup_id = OLD.id);
    INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
        SELECT NEW.region_code, NEW.stage, NEW.visibility, sector_code, 1 FROM startup_sectors WHERE startup_id = NEW.id AND TRUE
        ON CONFLICT (region_code, stage, visibility, sector_code) DO UPDATE SET n = n + 1;
END;

-- A sector row whose start-up is gone (a cascade from deleting it) was
-- already uncounted before the delete; the join finds nothing then.
CREATE TRIGGER startup_sectors_counted AFTER INSERT ON startup_sectors BEGIN
    INSERT INTO startup_sector_counts (region_code, stage, visibility, sector_code, n)
        SELECT s.region_code, s.stage, s.visibility, NEW.sector_code, 1 FROM startups s WHERE s.id = NEW.startup_id
        ON CONFLICT (region_code, stage, visibility, sector_code) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER startup_sectors_uncounted AFTER DELETE ON startup_sectors BEGIN
    UPDATE startup_sector_counts SET n = n - 1
        WHERE sector_code = OLD.sector_code
          AND (region_code, stage, visibility) = (SELECT s.region_code, s.stage, s.visibility FROM startups s WHERE s.id = OLD.startup_id);
END;
